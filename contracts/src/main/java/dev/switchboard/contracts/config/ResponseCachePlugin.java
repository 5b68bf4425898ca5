package dev.switchboard.contracts.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A decision's {@code response_cache} plugin: answers of requests routed through the decision are kept and served
 * again to the same request ({@code exact}) or to one that means the same ({@code semantic}).
 *
 * @param enabled         true by default (the plugin being listed turns it on)
 * @param mode            {@code exact}, {@code semantic} (the default, the reference's) or {@code exact_then_semantic}
 * @param scope           who shares answers: {@code user} (the default: keyed by the {@code x-user-id} header or
 *                        the body's {@code user}; a request with neither is not cached), {@code tenant} (the
 *                        {@code x-tenant-id} header; likewise) or {@code global} (every caller)
 * @param semantic        the semantic match; its threshold defaults to the store's
 * @param ttlSeconds      how long an answer is served; the store's by default
 * @param requestControls whether clients may steer the cache per request, and how
 * @param cacheSampled    also cache requests that sample ({@code temperature} above 0), whose answer would vary
 *                        anyway; false by default
 */
public record ResponseCachePlugin(
        Boolean enabled,
        String mode,
        String scope,
        Semantic semantic,
        @JsonProperty("ttl_seconds") Integer ttlSeconds,
        @JsonProperty("request_controls") RequestControls requestControls,
        @JsonProperty("cache_sampled") Boolean cacheSampled) {

    public static final String MODE_EXACT = "exact";
    public static final String MODE_SEMANTIC = "semantic";
    public static final String MODE_EXACT_THEN_SEMANTIC = "exact_then_semantic";
    public static final List<String> MODES = List.of(MODE_EXACT, MODE_SEMANTIC, MODE_EXACT_THEN_SEMANTIC);
    public static final String SCOPE_USER = "user";
    public static final String SCOPE_TENANT = "tenant";
    public static final String SCOPE_GLOBAL = "global";
    public static final List<String> SCOPES = List.of(SCOPE_USER, SCOPE_TENANT, SCOPE_GLOBAL);

    public ResponseCachePlugin {
        enabled = enabled == null || enabled;
        mode = mode == null ? MODE_SEMANTIC : mode;
        scope = scope == null ? SCOPE_USER : scope;
        semantic = semantic == null ? new Semantic(null) : semantic;
        requestControls = requestControls == null ? new RequestControls(null, null, null, null) : requestControls;
        cacheSampled = cacheSampled != null && cacheSampled;
    }

    static ResponseCachePlugin defaults() {
        return new ResponseCachePlugin(null, null, null, null, null, null, null);
    }

    /** True when the mode looks answers up by meaning, so that the prompt must be embedded. */
    public boolean semanticLookups() {
        return !MODE_EXACT.equals(mode);
    }

    /**
     * {@code semantic}.
     *
     * @param similarityThreshold the least cosine for a hit; nullable: the store's
     */
    public record Semantic(@JsonProperty("similarity_threshold") Double similarityThreshold) {
    }

    /**
     * {@code request_controls}: a request header whose directives steer the cache for that request.
     *
     * @param enabled       false by default: clients cannot steer the cache
     * @param header        {@code x-vsr-cache-control} by default (the reference's)
     * @param allowed       the directives honoured, of {@link #DIRECTIVES}; all by default
     * @param maxTtlSeconds the longest {@code ttl} or {@code max-age} a client may ask for; 86,400 by default
     */
    public record RequestControls(
            Boolean enabled,
            String header,
            List<String> allowed,
            @JsonProperty("max_ttl_seconds") Integer maxTtlSeconds) {

        public static final String NO_CACHE = "no-cache";
        public static final String NO_STORE = "no-store";
        public static final String BYPASS = "bypass";
        public static final String MAX_AGE = "max-age";
        public static final String TTL = "ttl";
        public static final List<String> DIRECTIVES = List.of(NO_CACHE, NO_STORE, BYPASS, MAX_AGE, TTL);

        public RequestControls {
            enabled = enabled != null && enabled;
            header = header == null ? "x-vsr-cache-control" : header;
            allowed = allowed == null ? DIRECTIVES : Lists.immutable(allowed);
            maxTtlSeconds = maxTtlSeconds == null ? 86_400 : maxTtlSeconds;
        }
    }
}
