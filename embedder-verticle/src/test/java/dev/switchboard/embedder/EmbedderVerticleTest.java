package dev.switchboard.embedder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.Codecs;
import dev.switchboard.contracts.bus.EmbedReply;
import dev.switchboard.contracts.bus.EmbedRequest;
import dev.switchboard.contracts.bus.FailureCode;
import dev.switchboard.contracts.config.EmbeddingConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The default model behind the event bus: meaning, batching, caching and failures. */
class EmbedderVerticleTest {

    private static final EmbeddingConfig DEFAULTS =
            new EmbeddingConfig(null, null, null, null, null, null, null, null, null, null, null);

    private static Vertx vertx;
    private static final SimpleMeterRegistry METRICS = new SimpleMeterRegistry();
    private static EmbedderVerticle embedder;

    @BeforeAll
    static void deploy() throws Exception {
        vertx = Vertx.vertx();
        Codecs.registerAll(vertx.eventBus());
        embedder = new EmbedderVerticle(DEFAULTS, METRICS);
        vertx.deployVerticle(embedder, new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER))
                .await(60, TimeUnit.SECONDS);
    }

    @AfterAll
    static void close() throws Exception {
        vertx.close().await(30, TimeUnit.SECONDS);
    }

    static EmbedReply embed(String... texts) throws Exception {
        return vertx.eventBus().<EmbedReply>request(Addresses.EMBEDDER_EMBED, EmbedRequest.of(texts),
                new DeliveryOptions().setSendTimeout(30_000)).await(30, TimeUnit.SECONDS).body();
    }

    @Test
    void shouldBeReadyWithUnitVectorsOfTheModelsDimension() throws Exception {
        EmbedReply reply = embed("Write a Python function that reverses a string");

        assertThat(embedder.modelReady()).isTrue();
        assertThat(reply.modelId()).isEqualTo(ModelSources.BUILTIN_ID);
        assertThat(reply.dimension()).isEqualTo(384);
        assertThat(reply.vectors()).singleElement().satisfies(v -> {
            assertThat(v).hasSize(384);
            assertThat(Vectors.norm(v)).isCloseTo(1.0, within(1e-4));
        });
    }

    @Test
    void shouldSayHowMuchOfEachTextTheModelsVocabularyDoesNotCover() throws Exception {
        EmbedReply reply = embed("Write a Python function that reverses a string",
                "Écris une fonction Python qui inverse une chaîne de caractères",
                "मुझे रात के खाने के लिए कुछ आसान विचार बताओ",
                "Какая столица Австралии и сколько там живёт людей?",
                "ok");

        assertThat(reply.fragmentation()).hasSize(5);
        assertThat(reply.fragmentation().get(0)).isLessThan(0.3);
        assertThat(reply.fragmentation().get(1)).isLessThan(0.5);
        assertThat(reply.fragmentation().get(2)).as("Devanagari, spelled letter by letter").isGreaterThan(0.7);
        assertThat(reply.fragmentation().get(3)).as("Cyrillic").isGreaterThan(0.7);
        assertThat(reply.fragmentation().get(4)).as("too short to judge").isZero();
    }

    @Test
    void shouldScoreParaphrasesAboveUnrelatedPrompts() throws Exception {
        EmbedReply reply = embed(
                "How do I sort a list in Python?",
                "What is the way to order the elements of a Python list?",
                "What will the weather be like in Paris tomorrow?",
                "Explain the async/await pattern in Rust",
                "How does asynchronous programming with async and await work in Rust?",
                "Suggest some options for dinner tonight");
        List<float[]> v = reply.vectors();

        double sortParaphrase = Vectors.cosine(v.get(0), v.get(1));
        double rustParaphrase = Vectors.cosine(v.get(3), v.get(4));
        assertThat(sortParaphrase).isGreaterThan(Vectors.cosine(v.get(0), v.get(2)) + 0.3);
        assertThat(sortParaphrase).isGreaterThan(Vectors.cosine(v.get(0), v.get(5)) + 0.3);
        assertThat(rustParaphrase).isGreaterThan(Vectors.cosine(v.get(3), v.get(2)) + 0.3);
        assertThat(rustParaphrase).isGreaterThan(Vectors.cosine(v.get(3), v.get(5)) + 0.3);
    }

    @Test
    void shouldGiveTheSameVectorsInABatchAsAlone() throws Exception {
        String[] texts = {"short", "a somewhat longer sentence about compilers and type systems",
                "¿Dónde está la biblioteca?", "def fib(n): return n if n < 2 else fib(n - 1) + fib(n - 2)"};
        EmbedReply batch = embed(texts);

        for (int i = 0; i < texts.length; i++) {
            // A fresh text (not cached): the single result comes from its own inference.
            float[] alone = embed(texts[i] + " ").vectors().get(0);
            assertThat(batch.vectors().get(i)).as(texts[i]).containsExactly(alone);
        }
    }

    @Test
    void shouldBatchConcurrentRequestsAndAnswerEachInOrder() throws Exception {
        double batchesBefore = METRICS.summary("switchboard.embedding.batch.size").count();
        List<Future<EmbedReply>> replies = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            replies.add(vertx.eventBus().<EmbedReply>request(Addresses.EMBEDDER_EMBED,
                    EmbedRequest.of("concurrent request number " + i, "and its second text " + i))
                    .map(m -> m.body()));
        }
        Future.all(replies).await(30, TimeUnit.SECONDS);
        double batches = METRICS.summary("switchboard.embedding.batch.size").count() - batchesBefore;

        assertThat(batches).as("12 concurrent requests are drained in fewer than 12 batches").isLessThan(12);
        for (int i = 0; i < 12; i++) {
            // The trailing space misses the cache and tokenises the same: this vector comes from the text alone.
            float[] alone = embed("concurrent request number " + i + " ").vectors().get(0);
            assertThat(replies.get(i).result().vectors()).hasSize(2);
            assertThat(replies.get(i).result().vectors().get(0)).as("the same under load as alone")
                    .containsExactly(alone);
        }
    }

    @Test
    void shouldAnswerARepeatedTextFromTheCache() throws Exception {
        float[] first = embed("a text that is asked for twice").vectors().get(0);
        double hitsBefore = METRICS.counter("switchboard.embedding.cache", "result", "hit").count();

        float[] second = embed("a text that is asked for twice").vectors().get(0);

        assertThat(second).containsExactly(first);
        assertThat(METRICS.counter("switchboard.embedding.cache", "result", "hit").count()).isEqualTo(hitsBefore + 1);
    }

    @Test
    void shouldRejectAnEmptyBatchWithInvalidArgument() {
        Throwable failure = catchThrowable(() -> vertx.eventBus()
                .request(Addresses.EMBEDDER_EMBED, new EmbedRequest(List.of())).await(10, TimeUnit.SECONDS));

        assertThat(failure).isInstanceOfSatisfying(ReplyException.class, e -> {
            assertThat(e.failureType()).isEqualTo(ReplyFailure.RECIPIENT_FAILURE);
            assertThat(FailureCode.of(e.failureCode())).isEqualTo(FailureCode.INVALID_ARGUMENT);
        });
    }
}
