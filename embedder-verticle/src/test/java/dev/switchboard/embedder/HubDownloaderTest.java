package dev.switchboard.embedder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.contracts.config.EmbeddingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Models from a hub on 127.0.0.1: complete and verified, or not used at all. */
class HubDownloaderTest {

    @TempDir
    Path cache;

    private EmbeddingConfig hubConfig(FakeHub hub) {
        return new EmbeddingConfig("hub", null, new EmbeddingConfig.HubModel(FakeHub.REPO, "main", hub.baseUrl(),
                cache.toString()), null, null, null, null, null, null, null, null);
    }

    @Test
    void shouldDownloadVerifyAndRunTheModelThenUseTheCache() throws Exception {
        try (FakeHub hub = FakeHub.serving()) {
            EmbeddingConfig config = hubConfig(hub);

            ModelArtifacts model = ModelSources.locate(config);

            assertThat(model.id()).isEqualTo("hub:" + FakeHub.REPO + "@" + FakeHub.COMMIT);
            assertThat(model.onnxFile()).hasSameBinaryContentAs(writeTemp(BuiltinFiles.onnx()));
            assertThat(hub.requests).noneMatch(p -> p.endsWith("README.md"));
            try (OnnxEncoder encoder = new OnnxEncoder(model, config)) {
                assertThat(encoder.embed(List.of("hello hub")).vectors()[0]).hasSize(384);
            }

            // A second start reads the listing to resolve the revision, but downloads nothing.
            hub.requests.clear();
            ModelSources.locate(config);
            assertThat(hub.requests).allMatch(p -> p.startsWith("/api/models/"));
        }
    }

    @Test
    void shouldStartFromTheCacheWhenTheHubIsDown() throws Exception {
        EmbeddingConfig config;
        try (FakeHub hub = FakeHub.serving()) {
            config = hubConfig(hub);
            ModelSources.locate(config);
        }

        ModelArtifacts offline = ModelSources.locate(config);

        assertThat(offline.onnxFile()).exists();
    }

    @Test
    void shouldRefuseARepoWithoutTokenizerJson() throws Exception {
        try (FakeHub hub = FakeHub.serving().withoutFile("tokenizer.json")) {
            assertThatThrownBy(() -> ModelSources.locate(hubConfig(hub)))
                    .isInstanceOf(ModelLoadException.class)
                    .hasMessageContaining("has no tokenizer.json");
            assertThat(hub.requests).as("nothing is downloaded").allMatch(p -> p.startsWith("/api/models/"));
            assertThat(modelFolders()).isEmpty();
        }
    }

    @Test
    void shouldNeverKeepATruncatedModelFile() throws Exception {
        try (FakeHub hub = FakeHub.serving()) {
            byte[] onnx = BuiltinFiles.onnx();
            hub.tamper = (name, attempt) -> name.equals("onnx/model.onnx") ? Arrays.copyOf(onnx, onnx.length / 2) : null;

            assertThatThrownBy(() -> ModelSources.locate(hubConfig(hub)))
                    .isInstanceOf(ModelLoadException.class)
                    .hasMessageContaining("onnx/model.onnx failed verification 3 times")
                    .hasMessageContaining("expected " + onnx.length);
            assertThat(modelFolders()).as("no model folder, not even a partial one").isEmpty();
        }
    }

    @Test
    void shouldRefuseAFileWhoseChecksumDoesNotMatch() throws Exception {
        try (FakeHub hub = FakeHub.serving()) {
            byte[] tokenizer = BuiltinFiles.tokenizer();
            byte[] corrupt = tokenizer.clone();
            corrupt[100] ^= 1;
            hub.tamper = (name, attempt) -> name.equals("tokenizer.json") ? corrupt : null;

            assertThatThrownBy(() -> ModelSources.locate(hubConfig(hub)))
                    .isInstanceOf(ModelLoadException.class)
                    .hasMessageContaining("tokenizer.json failed verification")
                    .hasMessageContaining("checksum mismatch");
            assertThat(modelFolders()).isEmpty();
        }
    }

    @Test
    void shouldRetryAFileThatArrivedBroken() throws Exception {
        try (FakeHub hub = FakeHub.serving()) {
            byte[] onnx = BuiltinFiles.onnx();
            hub.tamper = (name, attempt) -> name.equals("onnx/model.onnx") && attempt == 1
                    ? Arrays.copyOf(onnx, 1000) : null;

            ModelArtifacts model = ModelSources.locate(hubConfig(hub));

            assertThat(model.onnxFile()).hasSameBinaryContentAs(writeTemp(onnx));
            assertThat(hub.requests.stream().filter(p -> p.endsWith("model.onnx"))).hasSize(2);
        }
    }

    /** Folders under the cache that could be loaded as a model (not refs, not leftovers). */
    private List<Path> modelFolders() throws Exception {
        Path repo = cache.resolve(FakeHub.REPO.replace("/", "--"));
        if (!Files.isDirectory(repo)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(repo)) {
            return children.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().equals("refs")).toList();
        }
    }

    private Path writeTemp(byte[] content) throws Exception {
        Path file = Files.createTempFile(cache, "expected", ".bin");
        Files.write(file, content);
        return file;
    }
}
