package dev.switchboard.contracts.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code global.stores.response_cache}: the response cache's store. Nothing is cached unless a decision turns its
 * {@code response_cache} plugin on; this block says where answers are kept and how long, for all of them.
 *
 * @param enabled             false turns every decision's cache off at once; true by default
 * @param backendType         {@code memory} (the default: each instance keeps its own answers) or {@code kafka}
 *                            (shared: every instance still answers from its own in-process index, and every answer
 *                            kept is replicated to the others through the compacted
 *                            {@code global.kafka.topics.response_cache} topic, from which a restarted instance also
 *                            gets back what is still live)
 * @param similarityThreshold the least cosine between prompts for a semantic hit, unless a decision sets its own;
 *                            {@link #DEFAULT_SIMILARITY_THRESHOLD} by default
 * @param maxEntries          the most answers kept per instance; 1,000 by default (the reference's)
 * @param maxBytes            the most bytes kept per instance, answers and vectors together; 64 MiB by default
 * @param ttlSeconds          how long an answer is served, unless a decision sets its own; 3,600 by default
 * @param evictionPolicy      which answer goes first when full: {@code fifo} (the default, the reference's) or
 *                            {@code lru}
 */
public record ResponseCacheStoreConfig(
        Boolean enabled,
        @JsonProperty("backend_type") String backendType,
        @JsonProperty("similarity_threshold") Double similarityThreshold,
        @JsonProperty("max_entries") Integer maxEntries,
        @JsonProperty("max_bytes") Long maxBytes,
        @JsonProperty("ttl_seconds") Integer ttlSeconds,
        @JsonProperty("eviction_policy") String evictionPolicy) {

    public static final String BACKEND_MEMORY = "memory";
    public static final String BACKEND_KAFKA = "kafka";
    public static final List<String> BACKENDS = List.of(BACKEND_MEMORY, BACKEND_KAFKA);
    public static final String EVICTION_FIFO = "fifo";
    public static final String EVICTION_LRU = "lru";
    public static final List<String> EVICTION_POLICIES = List.of(EVICTION_FIFO, EVICTION_LRU);
    /**
     * Chosen from the paraphrase and near-miss table in {@code docs/benchmarks.md} ({@code bench cache-quality}, the
     * default embedding model): every threshold from 0.80 to 0.92 keeps the false hits on near-misses at 1 %, and
     * 0.90 still hits 90 % of paraphrases while the cosine alone already refuses two thirds of the near-misses, so
     * that a near-miss the guard does not know must also be very close to hit. The reference's 0.92 hits 80 %.
     */
    public static final double DEFAULT_SIMILARITY_THRESHOLD = 0.9;

    public ResponseCacheStoreConfig {
        enabled = enabled == null || enabled;
        backendType = backendType == null ? BACKEND_MEMORY : backendType;
        similarityThreshold = similarityThreshold == null ? DEFAULT_SIMILARITY_THRESHOLD : similarityThreshold;
        maxEntries = maxEntries == null ? 1_000 : maxEntries;
        maxBytes = maxBytes == null ? 64L * 1024 * 1024 : maxBytes;
        ttlSeconds = ttlSeconds == null ? 3_600 : ttlSeconds;
        evictionPolicy = evictionPolicy == null ? EVICTION_FIFO : evictionPolicy;
    }

    /** Whether the instances share their answers through Kafka. */
    public boolean shared() {
        return enabled && BACKEND_KAFKA.equals(backendType);
    }

    static ResponseCacheStoreConfig defaults() {
        return new ResponseCacheStoreConfig(null, null, null, null, null, null, null);
    }
}
