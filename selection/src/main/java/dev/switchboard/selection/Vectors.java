package dev.switchboard.selection;

import dev.switchboard.contracts.bus.Int8Rows;

/** Arithmetic on the embedder's vectors, which are L2-normalised: a dot product is their cosine. */
public final class Vectors {

    private Vectors() {
    }

    /** Dot product over the shorter length (vectors of one model have one length). */
    public static double dot(float[] a, float[] b) {
        int n = Math.min(a.length, b.length);
        // Eight independent sums let the CPU overlap the multiply-adds (one running sum waits on each addition);
        // every request compares its prompt with thousands of remembered ones, so this loop is hot.
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        float s4 = 0;
        float s5 = 0;
        float s6 = 0;
        float s7 = 0;
        int i = 0;
        for (; i + 7 < n; i += 8) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
            s4 += a[i + 4] * b[i + 4];
            s5 += a[i + 5] * b[i + 5];
            s6 += a[i + 6] * b[i + 6];
            s7 += a[i + 7] * b[i + 7];
        }
        double sum = (double) s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7;
        for (; i < n; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /**
     * The approximate dot product of {@code vector} with member {@code member} of a cluster's packed int8 rows (its
     * codes times its scale). Four sums suffice here: the loop is bound by converting codes, not by additions.
     */
    public static double dot(float[] vector, Int8Rows rows, int member) {
        int row = rows.first() + member;
        int dimension = rows.dimension();
        int d = 0;
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        byte[] codes = rows.codes();
        int offset = row * dimension;
        for (; d + 3 < dimension; d += 4) {
            s0 += vector[d] * codes[offset + d];
            s1 += vector[d + 1] * codes[offset + d + 1];
            s2 += vector[d + 2] * codes[offset + d + 2];
            s3 += vector[d + 3] * codes[offset + d + 3];
        }
        double sum = (double) s0 + s1 + s2 + s3;
        for (; d < dimension; d++) {
            sum += vector[d] * codes[offset + d];
        }
        return sum * rows.scales()[row];
    }
}
