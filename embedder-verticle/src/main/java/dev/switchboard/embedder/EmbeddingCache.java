package dev.switchboard.embedder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Least-recently-used cache of prompt embeddings, keyed by model id and a SHA-256 of the text, so that the texts
 * themselves are not kept. Owned by one worker verticle instance; not thread-safe.
 */
final class EmbeddingCache {

    private final int capacity;
    private final Map<String, float[]> entries;

    EmbeddingCache(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > EmbeddingCache.this.capacity;
            }
        };
    }

    static String key(String modelId, String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(modelId.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** False when {@code cache_size} is 0: nothing is stored and texts need not be hashed. */
    boolean enabled() {
        return capacity > 0;
    }

    /** The cached vector, or null. */
    float[] get(String key) {
        return capacity == 0 ? null : entries.get(key);
    }

    void put(String key, float[] vector) {
        if (capacity > 0) {
            entries.put(key, vector);
        }
    }

    int size() {
        return entries.size();
    }
}
