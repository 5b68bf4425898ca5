package dev.switchboard.embedder;

import java.nio.file.Path;

/**
 * Everything needed to run one embedding model, checked complete before a session is created.
 *
 * @param id            names the model in replies and logs, e.g. {@code builtin:all-minilm-l6-v2-q}
 * @param onnxBytes     the ONNX graph as bytes (models inside a jar); null when {@code onnxFile} is set
 * @param onnxFile      the ONNX graph on disk; null when {@code onnxBytes} is set
 * @param tokenizerJson the Hugging Face {@code tokenizer.json}
 * @param pooling       pooling the model was trained with
 */
record ModelArtifacts(String id, byte[] onnxBytes, Path onnxFile, byte[] tokenizerJson, Pooling pooling) {

    /** Where the graph comes from, for error messages. */
    String onnxSource() {
        return onnxFile != null ? onnxFile.toString() : id + " (bundled)";
    }
}
