package dev.switchboard.feedback.learning;

import dev.switchboard.contracts.bus.ExemplarClusters;
import dev.switchboard.contracts.bus.LearnedState;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;

/**
 * The newest {@code capacity} exemplars, oldest first, in a ring: adding past the capacity forgets the oldest. The
 * learners read it by index (to revisit older feedback) through {@link #view}, which follows later additions. It
 * keeps its {@link ExemplarPartition} up to date, for the routers' search. Not thread-safe: its learning state owns
 * it.
 */
public final class ExemplarMemory {

    private final LearnedState.Exemplar[] ring;
    private final ExemplarPartition partition;
    private int start;
    private int size;

    public ExemplarMemory(int capacity) {
        this(capacity, true);
    }

    /**
     * @param clustered whether to keep the clusters the routers search; the fold, whose state no router reads, does
     *                  not pay for them
     */
    public ExemplarMemory(int capacity, boolean clustered) {
        ring = new LearnedState.Exemplar[Math.max(0, capacity)];
        partition = clustered ? new ExemplarPartition(ring.length) : null;
    }

    public void add(LearnedState.Exemplar exemplar) {
        LearnedState.Exemplar forgotten = put(exemplar);
        if (partition != null) {
            partition.added(exemplar, forgotten, view());
        }
    }

    /** Adds without telling the partition; returns the exemplar it forgot, if any. */
    private LearnedState.Exemplar put(LearnedState.Exemplar exemplar) {
        if (ring.length == 0) {
            return null;
        }
        if (size < ring.length) {
            ring[(start + size++) % ring.length] = exemplar;
            return null;
        }
        LearnedState.Exemplar forgotten = ring[start];
        ring[start] = exemplar;
        start = (start + 1) % ring.length;
        return forgotten;
    }

    /** Replaces the content with these exemplars, oldest first (a restored snapshot); clusters them once. */
    void restore(List<LearnedState.Exemplar> exemplars) {
        clear();
        exemplars.forEach(this::put);
        if (partition != null) {
            partition.rebuild(view());
        }
    }

    void clear() {
        Arrays.fill(ring, null);
        start = 0;
        size = 0;
        if (partition != null) {
            partition.clear();
        }
    }

    int size() {
        return size;
    }

    /** A read-only view, oldest first, as the learners get it. */
    public List<LearnedState.Exemplar> view() {
        return new AbstractList<>() {
            @Override
            public LearnedState.Exemplar get(int index) {
                if (index < 0 || index >= size) {
                    throw new IndexOutOfBoundsException(index);
                }
                return ring[(start + index) % ring.length];
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /** An immutable copy, oldest first, for a published state. */
    public List<LearnedState.Exemplar> copy() {
        return List.copyOf(view());
    }

    /** The clusters of the exemplars, positions as in {@link #copy()}; null while there are too few. */
    public ExemplarClusters clusters() {
        return partition == null ? null : partition.clusters(view());
    }
}
