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
}
