package dev.switchboard.proxy.cache;

import java.util.Locale;

/** Which entry a full cache drops first: the reference's {@code eviction_policy} values. */
public enum EvictionPolicy {
    /** The oldest entry (the reference's default). */
    FIFO,
    /** The entry hit least recently (a hit counts as a use). */
    LRU;

    /** {@code fifo} or {@code lru}, case-insensitive. */
    public static EvictionPolicy of(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
