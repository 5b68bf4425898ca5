package dev.switchboard.proxy.cache;

import java.util.Locale;

/** How a request finds a cached answer: the reference's {@code response_cache.mode} values. */
public enum CacheMode {
    /** Only the same request (same fingerprint) hits. */
    EXACT,
    /** A prompt that means the same (embedding cosine at or above the threshold) hits; the reference's default. */
    SEMANTIC,
    /** The same request first, then one that means the same. */
    EXACT_THEN_SEMANTIC;

    /** {@code exact}, {@code semantic} or {@code exact_then_semantic}, case-insensitive. */
    public static CacheMode of(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
