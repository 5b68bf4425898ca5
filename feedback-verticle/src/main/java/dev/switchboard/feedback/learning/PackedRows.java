package dev.switchboard.feedback.learning;

import dev.switchboard.contracts.bus.Int8Rows;
import java.util.Arrays;

/**
 * One cluster's exemplar vectors, quantised to int8 ({@link Int8Vector}) and packed back to back in the order the
 * memory holds them, for the routers' first pass ({@link Int8Rows}). The memory forgets its oldest exemplar first,
 * so a cluster's forgotten rows are always its leading ones: they are skipped by an offset, and the rows are compacted
 * once the forgotten outnumber the live. Rows are only ever appended beyond those already published (growing means
 * new arrays), so a published {@link Int8Rows} never changes under a router. Not thread-safe: the learning loop owns
 * it.
 */
final class PackedRows {

    private static final int INITIAL_ROWS = 16;
    /** Below this many forgotten rows compaction is not worth a copy. */
    private static final int MIN_COMPACTED = 64;

    private final int dimension;
    private byte[] codes;
    private float[] scales;
    private int rows;
    private int forgotten;

    PackedRows(int dimension) {
        this.dimension = dimension;
        this.codes = new byte[INITIAL_ROWS * dimension];
        this.scales = new float[INITIAL_ROWS];
    }

    /** Appends the newest member's vector (of this dimension). */
    void append(float[] vector) {
        if (rows == scales.length) {
            scales = Arrays.copyOf(scales, rows * 2);
            codes = Arrays.copyOf(codes, rows * 2 * dimension);
        }
        Int8Vector quantised = Int8Vector.of(vector);
        System.arraycopy(quantised.codes(), 0, codes, rows * dimension, dimension);
        scales[rows++] = quantised.scale();
    }

    /** The memory forgot this cluster's oldest member. */
    void forgetOldest() {
        forgotten++;
        if (forgotten >= MIN_COMPACTED && forgotten > live()) {
            int kept = live();
            int capacity = Math.max(INITIAL_ROWS, kept * 2);
            byte[] keptCodes = new byte[capacity * dimension];
            float[] keptScales = new float[capacity];
            System.arraycopy(codes, forgotten * dimension, keptCodes, 0, kept * dimension);
            System.arraycopy(scales, forgotten, keptScales, 0, kept);
            codes = keptCodes;
            scales = keptScales;
            rows = kept;
            forgotten = 0;
        }
    }

    /** Members still in the memory. */
    int live() {
        return rows - forgotten;
    }

    /** The rows as they are now, for a published state. */
    Int8Rows published() {
        return new Int8Rows(codes, scales, forgotten, dimension);
    }
}
