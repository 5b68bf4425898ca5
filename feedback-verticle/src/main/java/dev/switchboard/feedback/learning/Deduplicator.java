package dev.switchboard.feedback.learning;

import java.util.Objects;

/**
 * Hands back one shared instance for equal values: model and decision names, candidate lists and user ids repeat in
 * almost every decision the index keeps, and each decision read from Kafka brings its own copies. A direct-mapped
 * table of fixed size (a value takes its hash's slot, the one before it is forgotten), so it is bounded whatever
 * the traffic and costs one comparison per value. Not thread-safe: the index calls it under its lock.
 */
final class Deduplicator<T> {

    private final Object[] slots;

    /** @param size the number of slots; a power of two */
    Deduplicator(int size) {
        if (Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("size must be a power of two: " + size);
        }
        this.slots = new Object[size];
    }

    /** The instance already held that equals {@code value}, else {@code value} (then held); null for null. */
    @SuppressWarnings("unchecked")
    T shared(T value) {
        if (value == null) {
            return null;
        }
        int hash = value.hashCode();
        int slot = (hash ^ (hash >>> 16)) & (slots.length - 1);
        Object held = slots[slot];
        if (Objects.equals(held, value)) {
            return (T) held;
        }
        slots[slot] = value;
        return value;
    }
}
