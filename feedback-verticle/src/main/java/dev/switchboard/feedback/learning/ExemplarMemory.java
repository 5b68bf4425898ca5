package dev.switchboard.feedback.learning;

import dev.switchboard.contracts.bus.LearnedState;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;

/**
 * The newest {@code capacity} exemplars, oldest first, in a ring: adding past the capacity forgets the oldest. The
 * learners read it by index (to revisit older feedback) through {@link #view}, which follows later additions. Not
 * thread-safe: the learning loop owns it.
 */
final class ExemplarMemory {

    private final LearnedState.Exemplar[] ring;
    private int start;
    private int size;

    ExemplarMemory(int capacity) {
        ring = new LearnedState.Exemplar[Math.max(0, capacity)];
    }

    void add(LearnedState.Exemplar exemplar) {
        if (ring.length == 0) {
            return;
        }
        if (size < ring.length) {
            ring[(start + size++) % ring.length] = exemplar;
        } else {
            ring[start] = exemplar;
            start = (start + 1) % ring.length;
        }
    }

    void clear() {
        Arrays.fill(ring, null);
        start = 0;
        size = 0;
    }

    int size() {
        return size;
    }

    /** A read-only view, oldest first. */
    List<LearnedState.Exemplar> view() {
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
    List<LearnedState.Exemplar> copy() {
        return List.copyOf(view());
    }
}
