package dev.switchboard.proxy.cache;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * The semantic index of one cache partition: unit vectors of one dimension, each with a code of its coordinates'
 * signs (one bit per dimension: 6 longs for the default model's 384). A search counts differing bits against every
 * code (XOR and {@link Long#bitCount}, in one contiguous array: a few nanoseconds an entry), keeps the
 * {@link #RERANKED} closest, and computes the exact cosine for those only. The share of differing sign bits follows
 * the angle between two vectors, so a stored paraphrase (cosine 0.85 and up: about a sixth of the bits differ) sits
 * far ahead of unrelated prompts (about half differ); what the codes can cost is a miss, never a wrong hit, since
 * a hit needs its exact cosine at the threshold. Not thread-safe: the cache holding it synchronises.
 *
 * @param <T> what each vector stands for
 */
final class SignCodeIndex<T> {

    /** Candidates whose exact cosine is computed; below this many entries every one is. */
    static final int RERANKED = 32;
    /** Longs in a code of 384 dimensions (the default embedding model's). */
    private static final int DEFAULT_WORDS = 6;

    private final int dimensions;
    private final int words;
    private long[] codes;
    private float[][] vectors;
    private Object[] items;
    private int size;

    SignCodeIndex(int dimensions) {
        this.dimensions = dimensions;
        this.words = (dimensions + 63) / 64;
        this.codes = new long[words * 16];
        this.vectors = new float[16][];
        this.items = new Object[16];
    }

    int dimensions() {
        return dimensions;
    }

    int size() {
        return size;
    }

    /** Adds {@code item}; returns its slot, which {@link #remove} takes and {@link Moved} reports changes of. */
    int add(float[] vector, T item) {
        if (size == items.length) {
            int capacity = size * 2;
            codes = Arrays.copyOf(codes, capacity * words);
            vectors = Arrays.copyOf(vectors, capacity);
            items = Arrays.copyOf(items, capacity);
        }
        encode(vector, codes, size * words);
        vectors[size] = vector;
        items[size] = item;
        return size++;
    }

    /** Told which item moved to which slot when a removal fills the hole with the last entry. */
    interface Moved<T> {
        void to(T item, int slot);
    }

    /** Removes the entry in {@code slot}; the last entry takes its place and {@code moved} is told. */
    void remove(int slot, Moved<T> moved) {
        int last = size - 1;
        if (slot != last) {
            System.arraycopy(codes, last * words, codes, slot * words, words);
            vectors[slot] = vectors[last];
            items[slot] = items[last];
            moved.to(item(slot), slot);
        }
        vectors[last] = null;
        items[last] = null;
        size = last;
    }

    /** A stored item and its exact cosine with the query. */
    record Scored<T>(T item, double similarity) {
    }

    /**
     * The item of highest cosine with {@code query} at or above {@code threshold} among those {@code usable} accepts
     * (a live entry whose guard agrees), or null. Items {@code usable} refuses are reported in {@code refused}, for
     * the caller to drop expired ones once the search is over.
     */
    Scored<T> nearest(float[] query, double threshold, Predicate<T> usable, List<T> refused) {
        if (size <= RERANKED) {
            return best(query, threshold, usable, refused, allSlots());
        }
        long[] code = new long[words];
        encode(query, code, 0);
        return best(query, threshold, usable, refused, closestCodes(code));
    }

    private int[] allSlots() {
        int[] slots = new int[size];
        for (int i = 0; i < size; i++) {
            slots[i] = i;
        }
        return slots;
    }

    /** The {@link #RERANKED} slots of fewest differing bits: a max-heap of (distance, slot) pairs packed in longs. */
    private int[] closestCodes(long[] code) {
        long[] heap = new long[RERANKED];
        int filled = 0;
        long[] stored = codes;
        for (int slot = 0, offset = 0; slot < size; slot++, offset += words) {
            int distance = words == DEFAULT_WORDS ? distance6(stored, offset, code) : distance(stored, offset, code);
            long packed = ((long) distance << 32) | slot;
            if (filled < RERANKED) {
                heap[filled] = packed;
                siftUp(heap, filled++);
            } else if (packed < heap[0]) {
                heap[0] = packed;
                siftDown(heap, RERANKED);
            }
        }
        int[] slots = new int[filled];
        for (int i = 0; i < filled; i++) {
            slots[i] = (int) heap[i];
        }
        return slots;
    }

    private int distance(long[] stored, int offset, long[] code) {
        int distance = 0;
        for (int w = 0; w < words; w++) {
            distance += Long.bitCount(stored[offset + w] ^ code[w]);
        }
        return distance;
    }

    /** The default model's 384 dimensions, unrolled: a third less time per entry than the loop at 100,000 entries. */
    private static int distance6(long[] stored, int offset, long[] code) {
        return Long.bitCount(stored[offset] ^ code[0]) + Long.bitCount(stored[offset + 1] ^ code[1])
                + Long.bitCount(stored[offset + 2] ^ code[2]) + Long.bitCount(stored[offset + 3] ^ code[3])
                + Long.bitCount(stored[offset + 4] ^ code[4]) + Long.bitCount(stored[offset + 5] ^ code[5]);
    }

    private static void siftUp(long[] heap, int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (heap[parent] >= heap[i]) {
                return;
            }
            swap(heap, parent, i);
            i = parent;
        }
    }

    private static void siftDown(long[] heap, int n) {
        int i = 0;
        while (true) {
            int left = 2 * i + 1;
            if (left >= n) {
                return;
            }
            int larger = left + 1 < n && heap[left + 1] > heap[left] ? left + 1 : left;
            if (heap[i] >= heap[larger]) {
                return;
            }
            swap(heap, i, larger);
            i = larger;
        }
    }

    private static void swap(long[] heap, int a, int b) {
        long t = heap[a];
        heap[a] = heap[b];
        heap[b] = t;
    }

    private Scored<T> best(float[] query, double threshold, Predicate<T> usable, List<T> refused, int[] slots) {
        T best = null;
        double bestSimilarity = threshold;
        for (int slot : slots) {
            double similarity = dot(vectors[slot], query);
            if (similarity < bestSimilarity) {
                continue;
            }
            T candidate = item(slot);
            if (usable.test(candidate)) {
                best = candidate;
                bestSimilarity = similarity;
            } else {
                refused.add(candidate);
            }
        }
        return best == null ? null : new Scored<>(best, Math.min(1.0, bestSimilarity));
    }

    @SuppressWarnings("unchecked")
    private T item(int slot) {
        return (T) items[slot];
    }

    private void encode(float[] vector, long[] into, int offset) {
        for (int w = 0; w < words; w++) {
            into[offset + w] = 0;
        }
        for (int i = 0; i < dimensions; i++) {
            if (vector[i] > 0) {
                into[offset + (i >>> 6)] |= 1L << (i & 63);
            }
        }
    }

    /** Four independent sums, so that the JIT keeps several multiply-adds in flight (unit vectors: float is ample). */
    static double dot(float[] a, float[] b) {
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
