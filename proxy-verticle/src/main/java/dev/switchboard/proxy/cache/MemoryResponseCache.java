package dev.switchboard.proxy.cache;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The in-process response cache (the reference's {@code backend_type: memory}): answers by partition, each findable
 * by its request's exact fingerprint and by its prompt's unit embedding. Bounded by entry count and by bytes; a full
 * cache drops entries in its {@link EvictionPolicy}'s order, and an entry past its TTL is never served (it is dropped
 * when a lookup meets it, or when room is needed). Thread-safe.
 *
 * <p>A partition holds what may answer each other: the caller puts into it everything that must match besides the
 * prompt's meaning (scope, routed model or decision, system prompt, earlier turns and parameters, the embedding
 * model), so that a semantic hit can never cross them. The semantic search runs in the partition's
 * {@link SignCodeIndex}; a semantic hit also needs the same guard as the query (what a near-miss changes while
 * keeping the meaning close: numbers, names, negation, code, language; see {@code PromptGuard}).
 */
public final class MemoryResponseCache {

    /** What an entry costs besides its answer and vector: object headers, the map slots, the ids, its code. */
    private static final long ENTRY_OVERHEAD_BYTES = 200;

    private static final class Entry {
        final String partition;
        final String exactKey;
        final float[] vector;
        final String guard;
        final CachedResponse response;
        final long storedAtMillis;
        final long expiresAtMillis;
        final long bytes;
        /** Where it sits in its partition's index, or -1 when it has no vector. */
        int slot = -1;

        Entry(String partition, String exactKey, float[] vector, String guard, CachedResponse response,
                long storedAtMillis, long expiresAtMillis) {
            this.partition = partition;
            this.exactKey = exactKey;
            this.vector = vector;
            this.guard = guard;
            this.response = response;
            this.storedAtMillis = storedAtMillis;
            this.expiresAtMillis = expiresAtMillis;
            this.bytes = ENTRY_OVERHEAD_BYTES + response.bytes() + (vector == null ? 0 : 4L * vector.length)
                    + 2L * (partition.length() + exactKey.length() + guard.length());
        }

        boolean expired(long nowMillis) {
            return nowMillis >= expiresAtMillis;
        }
    }

    private static final class Partition {
        final Map<String, Entry> byExactKey = new HashMap<>();
        /** One index per vector dimension: a partition's entries normally share one embedding model. */
        final Map<Integer, SignCodeIndex<Entry>> byDimensions = new HashMap<>(2);

        boolean isEmpty() {
            return byExactKey.isEmpty();
        }
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
     * @param guard     what a semantic hit must share with the query besides meaning
     * @param threshold the least cosine for a semantic hit
     */
    public synchronized Optional<CacheHit> lookup(String partition, String exactKey, float[] vector, String guard,
            CacheMode mode, double threshold, long nowMillis) {
        Partition p = partitions.get(partition);
        if (p == null) {
            return Optional.empty();
        }
        if (mode != CacheMode.SEMANTIC) {
            Entry exact = p.byExactKey.get(exactKey);
            if (exact != null) {
                if (!exact.expired(nowMillis)) {
                    return Optional.of(hit(exact, 1.0, true));
                }
                remove(exact);
            }
            if (mode == CacheMode.EXACT) {
                return Optional.empty();
            }
        }
        SignCodeIndex<Entry> index = vector == null ? null : p.byDimensions.get(vector.length);
        if (index == null) {
            return Optional.empty();
        }
        List<Entry> refused = new ArrayList<>();
        SignCodeIndex.Scored<Entry> nearest = index.nearest(vector, threshold,
                e -> !e.expired(nowMillis) && e.guard.equals(guard), refused);
        for (Entry e : refused) {
            if (e.expired(nowMillis)) {
                remove(e);
            }
        }
        return nearest == null ? Optional.empty() : Optional.of(hit(nearest.item(), nearest.similarity(),
                nearest.item().exactKey.equals(exactKey)));
    }

    /**
     * Keeps {@code response} in {@code partition} for {@code ttlMillis} from {@code storedAtMillis}, replacing what the
     * same request stored before it (an answer replicated late from another instance does not replace a newer one);
     * an answer larger than the byte bound is not kept.
     */
    public synchronized void put(String partition, String exactKey, float[] vector, String guard,
            CachedResponse response, long ttlMillis, long storedAtMillis) {
        Entry entry = new Entry(partition, exactKey, vector, Objects.requireNonNull(guard), response, storedAtMillis,
                storedAtMillis + ttlMillis);
        if (entry.bytes > maxBytes || ttlMillis <= 0) {
            return;
        }
        Entry replaced = partitions.containsKey(partition) ? partitions.get(partition).byExactKey.get(exactKey) : null;
        if (replaced != null) {
            if (replaced.storedAtMillis > storedAtMillis) {
                return;
            }
            remove(replaced);
        }
        Partition p = partitions.computeIfAbsent(partition, id -> new Partition());
        p.byExactKey.put(exactKey, entry);
        if (vector != null) {
            entry.slot = p.byDimensions.computeIfAbsent(vector.length, SignCodeIndex::new).add(vector, entry);
        }
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
        return new CacheHit(entry.response, similarity, exact, entry.storedAtMillis);
    }

    /** Drops {@code entry} from its partition (and an emptied partition), the eviction order and the byte count. */
    private void remove(Entry entry) {
        Partition p = partitions.get(entry.partition);
        if (p != null && p.byExactKey.remove(entry.exactKey, entry)) {
            if (entry.slot >= 0) {
                SignCodeIndex<Entry> index = p.byDimensions.get(entry.vector.length);
                index.remove(entry.slot, (moved, slot) -> moved.slot = slot);
                if (index.size() == 0) {
                    p.byDimensions.remove(entry.vector.length);
                }
            }
            if (p.isEmpty()) {
                partitions.remove(entry.partition);
            }
        }
        if (order.remove(entry) != null) {
            bytes -= entry.bytes;
        }
    }
}
