package dev.switchboard.proxy.cache;

import dev.switchboard.contracts.config.ResponseCachePlugin.RequestControls;
import java.util.Locale;

/**
 * What a client asked of the cache for one request, in the {@code request_controls} header ({@code
 * x-vsr-cache-control: no-cache, ttl=600}). Only the directives the decision allows count; others, and malformed
 * values, are ignored, so a client cannot make the cache do more than the operator allowed.
 *
 * <ul>
 *   <li>{@code no-cache}: do not answer from the cache (the fresh answer is still stored)</li>
 *   <li>{@code no-store}: do not store this answer</li>
 *   <li>{@code bypass}: neither</li>
 *   <li>{@code max-age=N}: answer only from an entry stored at most N seconds ago</li>
 *   <li>{@code ttl=N}: keep this answer N seconds, at most {@code max_ttl_seconds}</li>
 * </ul>
 *
 * @param lookup        whether the cache may answer
 * @param store         whether the answer may be stored
 * @param maxAgeSeconds the oldest entry accepted; null for any live one
 * @param ttlSeconds    how long to keep the answer; null for the decision's TTL
 */
public record CacheDirectives(boolean lookup, boolean store, Long maxAgeSeconds, Long ttlSeconds) {

    public static final CacheDirectives NONE = new CacheDirectives(true, true, null, null);

    /** The directives in {@code header} (nullable) that {@code controls} allows. */
    public static CacheDirectives parse(String header, RequestControls controls) {
        if (header == null || !controls.enabled()) {
            return NONE;
        }
        boolean lookup = true;
        boolean store = true;
        Long maxAge = null;
        Long ttl = null;
        for (String part : header.split(",")) {
            String directive = part.strip().toLowerCase(Locale.ROOT);
            int equals = directive.indexOf('=');
            String name = equals < 0 ? directive : directive.substring(0, equals).strip();
            if (!controls.allowed().contains(name)) {
                continue;
            }
            switch (name) {
                case RequestControls.NO_CACHE -> lookup = false;
                case RequestControls.NO_STORE -> store = false;
                case RequestControls.BYPASS -> {
                    lookup = false;
                    store = false;
                }
                case RequestControls.MAX_AGE -> maxAge = seconds(directive, equals, maxAge);
                case RequestControls.TTL -> {
                    Long asked = seconds(directive, equals, ttl);
                    ttl = asked == null ? null : Math.min(asked, controls.maxTtlSeconds());
                }
                default -> {
                }
            }
        }
        return new CacheDirectives(lookup, store, maxAge, ttl);
    }

    /** The directive's whole number of seconds, or {@code otherwise} when it has none or a bad one. */
    private static Long seconds(String directive, int equals, Long otherwise) {
        if (equals < 0) {
            return otherwise;
        }
        try {
            long value = Long.parseLong(directive.substring(equals + 1).strip());
            return value < 0 ? otherwise : Long.valueOf(value);
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
