package dev.switchboard.embedder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Lays out the bundled MiniLM files as a Hugging Face model folder, for tests of local and hub loading. */
final class BuiltinFiles {

    static final String CONFIG_JSON = "{\"model_type\": \"bert\", \"hidden_size\": 384}";

    private BuiltinFiles() {
    }

    static byte[] onnx() throws IOException {
        return resource("/all-minilm-l6-v2-q.onnx");
    }

    static byte[] tokenizer() throws IOException {
        return resource("/all-minilm-l6-v2-q-tokenizer.json");
    }

    /** A folder with {@code onnx/model.onnx}, {@code tokenizer.json} and {@code config.json}. */
    static Path folder(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("onnx"));
        Files.write(dir.resolve("onnx").resolve("model.onnx"), onnx());
        Files.write(dir.resolve("tokenizer.json"), tokenizer());
        Files.writeString(dir.resolve("config.json"), CONFIG_JSON);
        return dir;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = BuiltinFiles.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }
}
