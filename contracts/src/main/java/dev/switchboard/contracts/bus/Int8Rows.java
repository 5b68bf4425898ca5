package dev.switchboard.contracts.bus;

/**
 * One cluster's exemplar vectors packed for a fast first pass: row {@code first + i} holds member {@code i} of the
 * cluster's member list, each component a signed byte of one scale per row ({@code component ≈ code × scale}). A
 * row is {@code dimension} bytes, and the rows are contiguous, so a search reads a cluster front to back instead of
 * chasing 100,000 separate arrays of 1.5 KB (at that size the float scan ran at 0.8 µs a vector, nearly all of it
 * waiting on memory). The arrays are the learning loop's own, which only ever appends beyond the rows it has
 * published and never rewrites one; readers treat them as immutable.
 *
 * @param codes     rows of {@code dimension} codes, back to back
 * @param scales    one scale per row
 * @param first     the row of the cluster's first member
 * @param dimension components per row
 */
public record Int8Rows(byte[] codes, float[] scales, int first, int dimension) {

    /** The approximate dot product of {@code vector} with row {@code first + member}. */
    public double dot(float[] vector, int member) {
        int row = first + member;
        int offset = row * dimension;
        // Eight independent sums, as in the float dot product: the loop waits on additions, not on memory.
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        float s4 = 0;
        float s5 = 0;
        float s6 = 0;
        float s7 = 0;
        int d = 0;
        for (; d + 7 < dimension; d += 8) {
            s0 += vector[d] * codes[offset + d];
            s1 += vector[d + 1] * codes[offset + d + 1];
            s2 += vector[d + 2] * codes[offset + d + 2];
            s3 += vector[d + 3] * codes[offset + d + 3];
            s4 += vector[d + 4] * codes[offset + d + 4];
            s5 += vector[d + 5] * codes[offset + d + 5];
            s6 += vector[d + 6] * codes[offset + d + 6];
            s7 += vector[d + 7] * codes[offset + d + 7];
        }
        double sum = (double) s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7;
        for (; d < dimension; d++) {
            sum += vector[d] * codes[offset + d];
        }
        return sum * scales[row];
    }
}
