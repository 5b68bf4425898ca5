package dev.switchboard.contracts.config;

import java.util.List;
import java.util.Set;

/**
 * The feedback verticle's slice of the configuration.
 *
 * @param kafka     the event log
 * @param learning  how much is remembered and how outcomes count
 * @param providers models, for the cost of an outcome (pricing)
 * @param decisions decisions, for their learning parameters ({@code elo.k_factor}) and their learners' settings
 * @param cards     model cards, for the candidates' strength order that gives verdicts a direction
 * @param responseCache the response cache's store: when it is shared, this verticle carries its answers between
 *                  instances through Kafka
 * @param domains   the labels the router's domain classifier knows, which {@code domain} feedback may name; empty
 *                  when the config has no domain rules
 */
public record FeedbackSettings(KafkaConfig kafka, LearningConfig learning, ProvidersConfig providers,
        List<DecisionDefinition> decisions, List<ModelCard> cards, ResponseCacheStoreConfig responseCache,
        Set<String> domains) {

    public FeedbackSettings {
        decisions = List.copyOf(decisions);
        cards = cards == null ? List.of() : List.copyOf(cards);
        responseCache = responseCache == null ? ResponseCacheStoreConfig.defaults() : responseCache;
        domains = domains == null ? Set.of() : Set.copyOf(domains);
    }

    /** Without domain rules. */
    public FeedbackSettings(KafkaConfig kafka, LearningConfig learning, ProvidersConfig providers,
            List<DecisionDefinition> decisions, List<ModelCard> cards, ResponseCacheStoreConfig responseCache) {
        this(kafka, learning, providers, decisions, cards, responseCache, null);
    }

    /** Without a response cache. */
    public FeedbackSettings(KafkaConfig kafka, LearningConfig learning, ProvidersConfig providers,
            List<DecisionDefinition> decisions, List<ModelCard> cards) {
        this(kafka, learning, providers, decisions, cards, null);
    }

    public static FeedbackSettings of(SwitchboardConfig config) {
        return new FeedbackSettings(config.global().kafka(), config.global().learning(), config.providers(),
                config.routing().decisions(), config.routing().modelCards(), config.global().stores().responseCache(),
                DomainSignal.classifierLabels(config.routing().signals().domains()));
    }

    /**
     * The longest any answer may be served, in seconds: the store's TTL, a decision's own, or the longest a client
     * may ask for through request controls. The shared cache's topic keeps its records this long.
     */
    public long longestCacheTtlSeconds() {
        long longest = responseCache.ttlSeconds();
        for (DecisionDefinition decision : decisions) {
            ResponseCachePlugin plugin = decision.responseCache().orElse(null);
            if (plugin == null) {
                continue;
            }
            if (plugin.ttlSeconds() != null) {
                longest = Math.max(longest, plugin.ttlSeconds());
            }
            if (plugin.requestControls().enabled()) {
                longest = Math.max(longest, plugin.requestControls().maxTtlSeconds());
            }
        }
        return longest;
    }
}
