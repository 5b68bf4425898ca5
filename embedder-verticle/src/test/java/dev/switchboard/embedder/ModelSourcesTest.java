package dev.switchboard.embedder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.contracts.config.EmbeddingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local model folders in Hugging Face layout, and models that must fail to load with a clear message. */
class ModelSourcesTest {

    @TempDir
    Path dir;

    static EmbeddingConfig local(Path folder, String pooling, Integer maxTokens, Integer dimension, Integer layer) {
        return new EmbeddingConfig("local", folder.toString(), null, pooling, maxTokens, dimension, layer, null, null,
                null, null);
    }

    @Test
    void shouldRunALocalFolderLikeTheBuiltinModel() throws Exception {
        Path folder = BuiltinFiles.folder(dir.resolve("minilm"));
        EmbeddingConfig builtin = new EmbeddingConfig(null, null, null, null, null, null, null, null, null, null, null);

        try (OnnxEncoder fromFolder = new OnnxEncoder(ModelSources.locate(local(folder, null, null, null, null)),
                builtin);
             OnnxEncoder fromJar = new OnnxEncoder(ModelSources.locate(builtin), builtin)) {
            float[] a = fromFolder.embed(List.of("route this prompt to the right model")).vectors()[0];
            float[] b = fromJar.embed(List.of("route this prompt to the right model")).vectors()[0];

            assertThat(fromFolder.modelId()).isEqualTo("local:minilm");
            assertThat(a).containsExactly(b);
        }
    }

    @Test
    void shouldTakePoolingFromTheSentenceTransformersConfig() throws Exception {
        Path folder = BuiltinFiles.folder(dir.resolve("cls-model"));
        Files.writeString(folder.resolve("modules.json"), """
                [{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
                 {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"}]""");
        Files.createDirectories(folder.resolve("1_Pooling"));
        Files.writeString(folder.resolve("1_Pooling").resolve("config.json"),
                "{\"pooling_mode_cls_token\": true, \"pooling_mode_mean_tokens\": false}");

        assertThat(ModelSources.locate(local(folder, "auto", null, null, null)).pooling()).isEqualTo(Pooling.CLS);
        assertThat(ModelSources.locate(local(folder, "mean", null, null, null)).pooling()).isEqualTo(Pooling.MEAN);
    }

    @Test
    void shouldTruncateAndRenormaliseToAMatryoshkaDimension() throws Exception {
        Path folder = BuiltinFiles.folder(dir.resolve("m"));
        try (OnnxEncoder full = new OnnxEncoder(ModelSources.locate(local(folder, null, null, null, null)),
                local(folder, null, null, null, null));
             OnnxEncoder small = new OnnxEncoder(ModelSources.locate(local(folder, null, null, 128, null)),
                     local(folder, null, null, 128, null))) {
            float[] v = full.embed(List.of("matryoshka")).vectors()[0];
            float[] t = small.embed(List.of("matryoshka")).vectors()[0];

            assertThat(t).hasSize(128);
            assertThat(Vectors.norm(t)).isCloseTo(1.0, within(1e-4));
            assertThat(Vectors.cosine(t, Arrays.copyOf(v, 128))).isCloseTo(1.0, within(1e-5));
            assertThat(small.modelId()).endsWith("@dim128");
        }
    }

    @Test
    void shouldCountTextsCutToTheTokenLimit() throws Exception {
        Path folder = BuiltinFiles.folder(dir.resolve("t"));
        EmbeddingConfig sixteen = local(folder, null, 16, null, null);
        try (OnnxEncoder encoder = new OnnxEncoder(ModelSources.locate(sixteen), sixteen)) {
            OnnxEncoder.Embeddings result = encoder.embed(List.of("short text",
                    "this sentence is certainly much longer than sixteen tokens once it is split into word pieces"));

            assertThat(result.truncated()).isEqualTo(1);
        }
    }

    @Test
    void shouldNameAMissingTokenizer() throws Exception {
        Path folder = BuiltinFiles.folder(dir.resolve("no-tokenizer"));
        Files.delete(folder.resolve("tokenizer.json"));

        assertThatThrownBy(() -> ModelSources.locate(local(folder, null, null, null, null)))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(folder.resolve("tokenizer.json").toString()).hasMessageContaining("missing");
    }

    @Test
    void shouldNameAMissingModelFile() throws Exception {
        Path folder = BuiltinFiles.folder(dir.resolve("no-model"));
        Files.delete(folder.resolve("onnx").resolve("model.onnx"));

        assertThatThrownBy(() -> ModelSources.locate(local(folder, null, null, null, null)))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("missing model.onnx");
    }

    @Test
    void shouldRefuseAnUnknownArchitecture() throws Exception {
        Path folder = BuiltinFiles.folder(dir.resolve("llama"));
        Files.writeString(folder.resolve("config.json"), "{\"model_type\": \"llama\"}");

        assertThatThrownBy(() -> ModelSources.locate(local(folder, null, null, null, null)))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("config.json").hasMessageContaining("unknown architecture model_type 'llama'");
    }

    @Test
    void shouldRefuseATruncatedModelFile() throws Exception {
        Path folder = BuiltinFiles.folder(dir.resolve("truncated"));
        Path onnx = folder.resolve("onnx").resolve("model.onnx");
        Files.write(onnx, Arrays.copyOf(Files.readAllBytes(onnx), 4_000_000));
        EmbeddingConfig config = local(folder, null, null, null, null);

        assertThatThrownBy(() -> new OnnxEncoder(ModelSources.locate(config), config))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(onnx.toString()).hasMessageContaining("not a loadable ONNX model");
    }

    @Test
    void shouldPoolAnIntermediateLayerWhenTheModelExposesIt() throws Exception {
        Path folder = BuiltinFiles.folder(dir.resolve("with-layers"));
        Path onnx = folder.resolve("onnx").resolve("model.onnx");
        // The output of the third of MiniLM's six layers, exposed as an output_hidden_states export names it.
        Files.write(onnx, OnnxGraphs.exposeAs(Files.readAllBytes(onnx),
                "/encoder/layer.2/output/LayerNorm/Add_1_output_0", "hidden_states.3"));
        EmbeddingConfig lastLayer = local(folder, null, null, null, null);
        EmbeddingConfig thirdLayer = local(folder, null, null, null, 3);

        try (OnnxEncoder full = new OnnxEncoder(ModelSources.locate(lastLayer), lastLayer);
             OnnxEncoder early = new OnnxEncoder(ModelSources.locate(thirdLayer), thirdLayer)) {
            float[][] deep = full.embed(List.of("How do I sort a list in Python?", "Weather in Paris")).vectors();
            float[][] shallow = early.embed(List.of("How do I sort a list in Python?", "Weather in Paris")).vectors();

            assertThat(early.modelId()).endsWith("@layer3");
            assertThat(shallow[0]).hasSize(384);
            assertThat(Vectors.norm(shallow[0])).isCloseTo(1.0, within(1e-4));
            // A different layer gives different vectors, not the last layer's again.
            assertThat(Vectors.cosine(shallow[0], deep[0])).isLessThan(0.99);
        }
    }

    @Test
    void shouldRefuseATargetLayerTheModelDoesNotExpose() throws Exception {
        Path folder = BuiltinFiles.folder(dir.resolve("layers"));
        EmbeddingConfig config = local(folder, null, null, null, 3);

        assertThatThrownBy(() -> new OnnxEncoder(ModelSources.locate(config), config))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("target_layer 3").hasMessageContaining("last_hidden_state");
    }
}
