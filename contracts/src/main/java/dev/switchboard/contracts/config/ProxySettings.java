package dev.switchboard.contracts.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The proxy verticle's slice of the configuration.
 *
 * @param services       listening addresses and drain time
 * @param limits         request limits and timeouts
 * @param autoModelNames request model names that ask for routing, listed by {@code GET /v1/models}
 * @param providers      models and their backends, for forwarding and {@code GET /v1/models}
 * @param responseCache  the response cache's store (read once at start-up)
 * @param decisionCaches each decision's enabled {@code response_cache} plugin, by decision name; a decision not
 *                       listed caches nothing
 * @param fastResponses  each decision's {@code fast_response} message, by decision name
 * @param rewrites       what each decision changes in the request it forwards, by decision name; a decision not
 *                       listed forwards the request as it came (with the model rewritten)
 * @param replays        each decision's enabled {@code router_replay} plugin, by decision name; a decision not listed
 *                       keeps no replay records
 */
public record ProxySettings(ServicesConfig services, ProxyConfig limits, List<String> autoModelNames,
        ProvidersConfig providers, ResponseCacheStoreConfig responseCache,
        Map<String, ResponseCachePlugin> decisionCaches, Map<String, String> fastResponses,
        Map<String, RequestRewrite> rewrites, Map<String, RouterReplayPlugin> replays) {

    public ProxySettings {
        decisionCaches = Map.copyOf(decisionCaches);
        fastResponses = Map.copyOf(fastResponses);
        rewrites = Map.copyOf(rewrites);
        replays = Map.copyOf(replays);
    }

    /** What the decision changes in the request; {@link RequestRewrite#NONE} for none or no decision. */
    public RequestRewrite rewrite(String decision) {
        return decision == null ? RequestRewrite.NONE : rewrites.getOrDefault(decision, RequestRewrite.NONE);
    }

    public static ProxySettings of(SwitchboardConfig config) {
        return new ProxySettings(config.global().services(), config.global().proxy(),
                config.global().router().autoModelNames(), config.providers(), config.global().stores().responseCache(),
                decisionCaches(config), fastResponses(config), rewrites(config), replays(config));
    }

    /**
     * The settings a reloaded config brings to a running proxy: its listeners, limits and store stay as they started
     * (they need a restart), its models, names, decisions' caches, fast responses, rewrites and replays change.
     */
    public ProxySettings reloaded(SwitchboardConfig config) {
        return new ProxySettings(services, limits, config.global().router().autoModelNames(), config.providers(),
                responseCache, decisionCaches(config), fastResponses(config), rewrites(config), replays(config));
    }

    private static Map<String, RouterReplayPlugin> replays(SwitchboardConfig config) {
        Map<String, RouterReplayPlugin> replays = new LinkedHashMap<>();
        for (DecisionDefinition decision : config.routing().decisions()) {
            decision.routerReplay().ifPresent(replay -> replays.put(decision.name(), replay));
        }
        return replays;
    }

    private static Map<String, RequestRewrite> rewrites(SwitchboardConfig config) {
        Map<String, RequestRewrite> rewrites = new LinkedHashMap<>();
        for (DecisionDefinition decision : config.routing().decisions()) {
            RequestRewrite rewrite = decision.rewrite();
            if (!rewrite.isEmpty()) {
                rewrites.put(decision.name(), rewrite);
            }
        }
        return rewrites;
    }

    private static Map<String, String> fastResponses(SwitchboardConfig config) {
        Map<String, String> messages = new LinkedHashMap<>();
        for (DecisionDefinition decision : config.routing().decisions()) {
            decision.fastResponse().ifPresent(fast -> messages.put(decision.name(), fast.message()));
        }
        return messages;
    }

    private static Map<String, ResponseCachePlugin> decisionCaches(SwitchboardConfig config) {
        Map<String, ResponseCachePlugin> caches = new LinkedHashMap<>();
        if (config.global().stores().responseCache().enabled()) {
            for (DecisionDefinition decision : config.routing().decisions()) {
                decision.responseCache().ifPresent(cache -> caches.put(decision.name(), cache));
            }
        }
        return caches;
    }
}
