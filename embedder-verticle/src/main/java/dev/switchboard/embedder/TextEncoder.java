package dev.switchboard.embedder;

import ai.onnxruntime.OrtException;
import java.util.List;

/** Texts in, unit vectors out: the model run on every text ({@link OnnxEncoder}) or its distilled table ({@link StaticEncoder}). */
interface TextEncoder extends AutoCloseable {

    /** Embeds the texts; blocking, CPU-bound. */
    OnnxEncoder.Embeddings embed(List<String> texts) throws OrtException;

    /** How much of the text the model's vocabulary does not cover ({@link Fragmentation}); cheap: tokenizes only. */
    double fragmentation(String text);

    /** Names the model in replies, events and cache keys. */
    String modelId();

    /** Whether a text's vector is the same whatever it is embedded with. */
    boolean batchInvariant();

    @Override
    void close();
}
