package dev.switchboard.proxy.cache;

import dev.switchboard.contracts.bus.PromptEmbedding;
import dev.switchboard.contracts.bus.ResponseCacheEntry;
import dev.switchboard.contracts.bus.RouteDecision;
import dev.switchboard.contracts.config.ProxySettings;
import dev.switchboard.contracts.config.ResponseCachePlugin;
import dev.switchboard.contracts.config.ResponseCacheStoreConfig;
import dev.switchboard.proxy.openai.ChatRequest;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * The response cache as both ingresses use it: decides whether a routed request is cached and under which
 * partition ({@link #query}), finds an answer for it, and keeps a new one. A request is cached only when its
 * decision has an enabled {@code response_cache} plugin, its body is cacheable ({@link CacheIdentity}), and its
 * scope can be told: {@code scope: user} needs a user id ({@value #USER_HEADER} or the body's {@code user}),
 * {@code scope: tenant} a tenant id ({@value #TENANT_HEADER}); without one nothing is shared, and nothing is cached.
 */
public final class ResponseCache {

    public static final String USER_HEADER = "x-user-id";
    public static final String TENANT_HEADER = "x-tenant-id";

    private final MemoryResponseCache store;
    private final LongSupplier clock;
    private volatile Consumer<ResponseCacheEntry> replicate = entry -> { };

    public ResponseCache(MemoryResponseCache store, LongSupplier clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Hands every answer kept from now on to {@code replicate} as well, for the instances that share them. */
    public void replicateTo(Consumer<ResponseCacheEntry> replicate) {
        this.replicate = replicate;
    }

    /** The in-process store the config describes. */
    public static ResponseCache of(ResponseCacheStoreConfig config) {
        return new ResponseCache(new MemoryResponseCache(config.maxEntries(), config.maxBytes(),
                ResponseCacheStoreConfig.EVICTION_LRU.equals(config.evictionPolicy()) ? EvictionPolicy.LRU
                        : EvictionPolicy.FIFO), System::currentTimeMillis);
    }

    /**
     * How {@code chat}, routed by {@code decision}, is cached; empty when it is not.
     *
     * @param headers the request's headers by name (null when absent)
     */
    public Optional<CacheQuery> query(ProxySettings settings, RouteDecision decision, ChatRequest chat,
            UnaryOperator<String> headers) {
        ResponseCachePlugin plugin = decision == null || decision.decision() == null ? null
                : settings.decisionCaches().get(decision.decision());
        if (plugin == null) {
            return Optional.empty();
        }
        String scope = scope(plugin.scope(), chat, headers);
        Optional<CacheIdentity> identity = CacheIdentity.of(chat.json(), plugin.cacheSampled());
        if (scope == null || identity.isEmpty()) {
            return Optional.empty();
        }
        CacheDirectives directives = CacheDirectives.parse(headers.apply(plugin.requestControls().header()),
                plugin.requestControls());
        PromptEmbedding embedding = plugin.semanticLookups() && !chat.userMessage().isBlank()
                ? decision.promptEmbedding() : null;
        ResponseCacheStoreConfig defaults = settings.responseCache();
        double threshold = plugin.semantic().similarityThreshold() != null
                ? plugin.semantic().similarityThreshold() : defaults.similarityThreshold();
        long ttlSeconds = directives.ttlSeconds() != null ? directives.ttlSeconds()
                : plugin.ttlSeconds() != null ? plugin.ttlSeconds() : defaults.ttlSeconds();
        // The embedding model belongs to the guard, not the partition: an exact entry stored while the embedder
        // was down still answers the same request later, and vectors of two models never meet. The guard is kept
        // as a fingerprint: it lists the prompt's numbers and names, which must not leave the process in a shared
        // cache's records.
        String guard = embedding == null ? ""
                : embedding.modelId() + "|" + CacheIdentity.sha256(PromptGuard.of(chat.userMessage()));
        String partition = String.join("\u0000", scope, decision.decision(), decision.selectedModel(),
                identity.get().context());
        return Optional.of(new CacheQuery(decision.decision(), partition, identity.get().exactKey(),
                embedding == null ? null : embedding.vector(), guard, CacheMode.of(plugin.mode()), threshold,
                ttlSeconds * 1000, directives));
    }

    private static String scope(String scope, ChatRequest chat, UnaryOperator<String> headers) {
        return switch (scope) {
            case ResponseCachePlugin.SCOPE_GLOBAL -> "global";
            case ResponseCachePlugin.SCOPE_TENANT -> prefixed("tenant:", headers.apply(TENANT_HEADER));
            default -> {
                String user = headers.apply(USER_HEADER);
                yield prefixed("user:", user != null && !user.isBlank() ? user : chat.user());
            }
        };
    }

    private static String prefixed(String prefix, String id) {
        return id == null || id.isBlank() ? null : prefix + id;
    }

    /**
     * Looks {@code chat}, routed by {@code decision}, up: not cached, a hit, or a miss.
     *
     * @param headers the request's headers by name (null when absent)
     */
    public CacheLookup consult(ProxySettings settings, RouteDecision decision, ChatRequest chat,
            UnaryOperator<String> headers) {
        long start = System.nanoTime();
        boolean decisionCaches = decision != null && decision.decision() != null
                && settings.decisionCaches().containsKey(decision.decision());
        return query(settings, decision, chat, headers)
                .map(query -> new CacheLookup(query, lookup(query).orElse(null), start))
                .orElse(decisionCaches ? CacheLookup.UNCACHEABLE : CacheLookup.NOT_CACHED);
    }

    /** The answer for {@code query}, unless the client asked not to be answered from the cache or it is too old. */
    public Optional<CacheHit> lookup(CacheQuery query) {
        if (!query.directives().lookup()) {
            return Optional.empty();
        }
        long now = clock.getAsLong();
        Long maxAge = query.directives().maxAgeSeconds();
        return store.lookup(query.partition(), query.exactKey(), query.vector(), query.guard(), query.mode(),
                        query.threshold(), now)
                .filter(hit -> maxAge == null || now - hit.storedAtMillis() <= maxAge * 1000);
    }

    /** Keeps {@code response} for {@code query}, unless the client asked not to. */
    public void store(CacheQuery query, CachedResponse response) {
        if (query.directives().store()) {
            long now = clock.getAsLong();
            store.put(query.partition(), query.exactKey(), query.vector(), query.guard(), response,
                    query.ttlMillis(), now);
            replicate.accept(new ResponseCacheEntry(query.partition(), query.exactKey(), query.vector(),
                    query.guard(), response.model(), response.contentType(), response.body(), response.latencyMs(),
                    response.promptTokens(), response.completionTokens(), now, query.ttlMillis()));
        }
    }

    /**
     * Keeps an answer another instance kept (or this one before a restart), for what is left of its TTL; a newer
     * answer to the same request held here stays.
     */
    public void putReplicated(ResponseCacheEntry entry) {
        if (!entry.expired(clock.getAsLong())) {
            store.put(entry.partition(), entry.exactKey(), entry.vector(), entry.guard(),
                    new CachedResponse(entry.model(), entry.contentType(), entry.body(), entry.latencyMs(),
                            entry.promptTokens(), entry.completionTokens()), entry.ttlMillis(), entry.storedAtMillis());
        }
    }
}
