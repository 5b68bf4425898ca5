package dev.switchboard.embedder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.Codecs;
import dev.switchboard.contracts.bus.EmbedReply;
import dev.switchboard.contracts.bus.EmbedRequest;
import dev.switchboard.contracts.config.EmbeddingConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast tier on the built-in model: distilled at first start into the cache folder, read back at the next, and
 * a prompt's vector the normalised sum of its tokens' rows, with meaning enough to tell paraphrases from the rest.
 */
class StaticEmbeddingTest {

    @TempDir
    static Path cacheDir;

    private static Vertx vertx;
    private static EmbedderVerticle embedder;

    private static EmbeddingConfig staticMode() {
        return new EmbeddingConfig(null, null, null, null, null, null, null, null, null, null, 0,
                EmbeddingConfig.MODE_STATIC, cacheDir.toString());
    }

    @BeforeAll
    static void deploy() throws Exception {
        vertx = Vertx.vertx();
        Codecs.registerAll(vertx.eventBus());
        embedder = new EmbedderVerticle(staticMode(), new SimpleMeterRegistry());
        vertx.deployVerticle(embedder, new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER))
                .await(120, TimeUnit.SECONDS);
    }

    @AfterAll
    static void close() throws Exception {
        vertx.close().await(30, TimeUnit.SECONDS);
    }

    private static EmbedReply embed(String... texts) throws Exception {
        return vertx.eventBus().<EmbedReply>request(Addresses.EMBEDDER_EMBED, EmbedRequest.of(texts),
                new DeliveryOptions().setSendTimeout(30_000)).await(30, TimeUnit.SECONDS).body();
    }

    @Test
    void shouldAnswerWithUnitVectorsNamedAfterTheStaticTableOfTheBuiltinModel() throws Exception {
        EmbedReply reply = embed("Write a Python function that reverses a string");

        assertThat(reply.modelId()).isEqualTo("static:" + ModelSources.BUILTIN_ID);
        assertThat(reply.dimension()).isEqualTo(384);
        assertThat(Vectors.norm(reply.vectors().get(0))).isCloseTo(1.0, within(1e-4));
        try (var files = Files.list(cacheDir)) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).singleElement()
                    .satisfies(name -> assertThat(name).startsWith("static-").endsWith(".bin"));
        }
    }

    @Test
    void shouldScoreParaphrasesAboveUnrelatedPromptsAndIgnoreItsBatch() throws Exception {
        List<float[]> v = embed("How do I sort a list in Python?",
                "What is the way to order the elements of a Python list?",
                "What will the weather be like in Paris tomorrow?",
                "Suggest some options for dinner tonight").vectors();

        double paraphrase = Vectors.cosine(v.get(0), v.get(1));
        assertThat(paraphrase).isGreaterThan(Vectors.cosine(v.get(0), v.get(2)) + 0.1);
        assertThat(paraphrase).isGreaterThan(Vectors.cosine(v.get(0), v.get(3)) + 0.1);
        assertThat(embed("How do I sort a list in Python?").vectors().get(0)).containsExactly(v.get(0));
    }

    @Test
    void shouldReadTheTableBackAndDistilAgainWhenTheFileIsDamaged() throws Exception {
        ModelArtifacts model = ModelSources.locate(staticMode());
        Path file;
        try (var files = Files.list(cacheDir)) {
            file = files.filter(f -> f.getFileName().toString().endsWith(".bin")).findFirst().orElseThrow();
        }
        try (OnnxEncoder onnx = new OnnxEncoder(model, staticMode())) {
            StaticTable read = StaticDistiller.loadOrDistill(onnx, model, staticMode());
            assertThat(read.vocabulary()).isEqualTo(StaticDistiller.vocabularySize(model.tokenizerJson()))
                    .isEqualTo(30_522);

            Files.write(file, new byte[] {1, 2, 3});
            StaticTable again = StaticDistiller.loadOrDistill(onnx, model, staticMode());

            assertThat(again.meanOf(new long[] {7592, 2088})).containsExactly(read.meanOf(new long[] {7592, 2088}));
            assertThat(StaticTable.read(file).vocabulary()).isEqualTo(30_522);
        }
    }
}
