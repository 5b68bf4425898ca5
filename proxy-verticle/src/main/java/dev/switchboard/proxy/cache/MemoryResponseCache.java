package dev.switchboard.proxy.cache;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The in-process response cache (the reference's {@code backend_type: memory}): answers by partition, each findable
 * by its request's exact fingerprint and by its prompt's unit embedding. Bounded by entry count and by bytes; a full
 * cache drops entries in its {@link EvictionPolicy}'s order, and an entry past its TTL is never served (it is dropped
 * when a lookup meets it, or when room is needed). Thread-safe.
 *
 * <p>A partition holds what may answer each other: the caller puts into it everything that must match besides the
 * prompt's meaning (scope, routed model or decision, system prompt, earlier turns and parameters, the embedding
 * model, streamed or not), so that a semantic hit can never cross them. The semantic search compares the prompt with
 * every live entry of its partition.
 */
public final class MemoryResponseCache {

    /** What an entry costs besides its answer and vector: object headers, the map slots, the ids. */
    private static final long ENTRY_OVERHEAD_BYTES = 160;

    private static final class Entry {
        final String partition;
        final String exactKey;
        final float[] vector;
        final CachedResponse response;
        final long expiresAtMillis;
        final long bytes;

        Entry(String partition, String exactKey, float[] vector, CachedResponse response, long expiresAtMillis) {
            this.partition = partition;
            this.exactKey = exactKey;
            this.vector = vector;
            this.response = response;
            this.expiresAtMillis = expiresAtMillis;
            this.bytes = ENTRY_OVERHEAD_BYTES + response.bytes() + 4L * vector.length
                    + 2L * (partition.length() + exactKey.length());
        }

        boolean expired(long nowMillis) {
            return nowMillis >= expiresAtMillis;
        }
    }

    private static final class Partition {
        final Map<String, Entry> byExactKey = new HashMap<>();
        final Set<Entry> entries = new LinkedHashSet<>();
    }

    private final int maxEntries;
    private final long maxBytes;
    /** Every entry, in eviction order: insertion for FIFO, access for LRU. Values unused. */
    private final LinkedHashMap<Entry, Boolean> order;
    private final Map<String, Partition> partitions = new HashMap<>();
    private long bytes;

    /**
     * @param maxEntries the most entries held (the reference's {@code max_entries})
     * @param maxBytes   the most bytes held, answers and vectors together
     * @param policy     which entry goes first when either bound is reached
     */
    public MemoryResponseCache(int maxEntries, long maxBytes, EvictionPolicy policy) {
        if (maxEntries <= 0 || maxBytes <= 0) {
            throw new IllegalArgumentException("max entries and bytes must be positive");
        }
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.order = new LinkedHashMap<>(16, 0.75f, policy == EvictionPolicy.LRU);
    }

    /**
     * The best live answer in {@code partition} for a request.
     *
     * @param exactKey  the request's exact fingerprint
     * @param vector    the prompt's unit embedding; null when it was not embedded (then only exact hits)
     * @param threshold the least cosine for a semantic hit
     */
    public synchronized Optional<CacheHit> lookup(String partition, String exactKey, float[] vector, CacheMode mode,
            double threshold, long nowMillis) {
        Partition p = partitions.get(partition);
        if (p == null) {
            return Optional.empty();
        }
        if (mode != CacheMode.SEMANTIC) {
            Entry exact = p.byExactKey.get(exactKey);
            if (exact != null && !exact.expired(nowMillis)) {
                return Optional.of(hit(exact, 1.0, true));
            }
            if (mode == CacheMode.EXACT) {
                return Optional.empty();
            }
        }
        if (vector == null) {
            return Optional.empty();
        }
        Entry best = null;
        double bestSimilarity = threshold;
        for (Iterator<Entry> it = p.entries.iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.expired(nowMillis)) {
                it.remove();
                dropFromIndexes(e, false);
                continue;
            }
            if (e.vector.length != vector.length) {
                continue;
            }
            double similarity = dot(e.vector, vector);
            if (similarity >= bestSimilarity) {
                best = e;
                bestSimilarity = similarity;
            }
        }
        if (p.entries.isEmpty()) {
            partitions.remove(partition);
        }
        return best == null ? Optional.empty()
                : Optional.of(hit(best, Math.min(1.0, bestSimilarity), best.exactKey.equals(exactKey)));
    }

    /**
     * Keeps {@code response} in {@code partition} for {@code ttlMillis}, replacing what the same request stored
     * before; an answer larger than the byte bound is not kept.
     */
    public synchronized void put(String partition, String exactKey, float[] vector, CachedResponse response,
            long ttlMillis, long nowMillis) {
        Entry entry = new Entry(partition, exactKey, vector, response, nowMillis + ttlMillis);
        if (entry.bytes > maxBytes || ttlMillis <= 0) {
            return;
        }
        Partition p = partitions.computeIfAbsent(partition, id -> new Partition());
        Entry replaced = p.byExactKey.get(exactKey);
        if (replaced != null) {
            remove(replaced);
            p = partitions.computeIfAbsent(partition, id -> new Partition());
        }
        p.byExactKey.put(exactKey, entry);
        p.entries.add(entry);
        order.put(entry, Boolean.TRUE);
        bytes += entry.bytes;
        while (order.size() > maxEntries || bytes > maxBytes) {
            remove(order.keySet().iterator().next());
        }
    }

    /** How many entries are held, expired ones not yet dropped included. */
    public synchronized int size() {
        return order.size();
    }

    /** The bytes held, as the byte bound counts them. */
    public synchronized long bytes() {
        return bytes;
    }

    private CacheHit hit(Entry entry, double similarity, boolean exact) {
        order.get(entry); // a use, for LRU
        return new CacheHit(entry.response, similarity, exact);
    }

    private void remove(Entry entry) {
        Partition p = partitions.get(entry.partition);
        if (p != null) {
            p.entries.remove(entry);
        }
        dropFromIndexes(entry, true);
    }

    /** Drops {@code entry} from the exact index, the eviction order and the byte count (and empty partitions). */
    private void dropFromIndexes(Entry entry, boolean dropEmptyPartition) {
        Partition p = partitions.get(entry.partition);
        if (p != null) {
            p.byExactKey.remove(entry.exactKey, entry);
            if (dropEmptyPartition && p.entries.isEmpty()) {
                partitions.remove(entry.partition);
            }
        }
        if (order.remove(entry) != null) {
            bytes -= entry.bytes;
        }
    }

    /** Four independent sums, so that the JIT keeps several multiply-adds in flight (unit vectors: float is ample). */
    private static double dot(float[] a, float[] b) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (; i + 3 < a.length; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < a.length; i++) {
            s0 += a[i] * b[i];
        }
        return (double) s0 + s1 + s2 + s3;
    }
}
