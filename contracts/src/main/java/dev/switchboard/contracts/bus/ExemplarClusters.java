package dev.switchboard.contracts.bus;

/**
 * An inverted-file partition of a {@link LearnedState}'s exemplars, so that a router compares a prompt with the
 * exemplars of the few clusters nearest to it instead of with every one (at 5,000 exemplars the full scan was most
 * of what a learned routing decision cost). Each exemplar's position in {@link LearnedState#exemplars()} is in exactly
 * one member list or in {@code unpartitioned} (exemplars of another embedding model than the centroids'). Immutable
 * by contract: the learning loop builds a new one for every published state and never changes it.
 *
 * @param embeddingModel the embedding model of the centroids and of every partitioned exemplar
 * @param centroids      unit centroids, one per cluster, all of one dimension
 * @param members        per cluster, the positions of its exemplars, ascending
 * @param unpartitioned  positions of exemplars in no cluster, ascending; a search always includes them
 * @param rows           per cluster, its members' vectors quantised and packed in member order; null when not packed
 *                       (a search then reads the exemplars' own vectors)
 */
public record ExemplarClusters(String embeddingModel, float[][] centroids, int[][] members, int[] unpartitioned,
        Int8Rows[] rows) {

    public ExemplarClusters {
        if (centroids.length != members.length || centroids.length == 0) {
            throw new IllegalArgumentException("one member list per centroid, and at least one centroid");
        }
        if (rows != null && rows.length != members.length) {
            throw new IllegalArgumentException("packed rows for every cluster, or none");
        }
    }

    /** Clusters whose search reads the exemplars' own vectors. */
    public ExemplarClusters(String embeddingModel, float[][] centroids, int[][] members, int[] unpartitioned) {
        this(embeddingModel, centroids, members, unpartitioned, null);
    }

    /** The number of exemplars it partitions (partitioned or not): the size of the exemplar list it belongs to. */
    public int exemplarCount() {
        int count = unpartitioned.length;
        for (int[] list : members) {
            count += list.length;
        }
        return count;
    }

    /** The centroids' dimension. */
    public int dimension() {
        return centroids[0].length;
    }
}
