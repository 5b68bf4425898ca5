package dev.switchboard.contracts.config;

import java.util.List;

/**
 * The feedback verticle's slice of the configuration.
 *
 * @param kafka     the event log
 * @param providers models, for the cost of an outcome (pricing)
 * @param decisions decisions, for their learning parameters ({@code elo.k_factor})
 */
public record FeedbackSettings(KafkaConfig kafka, ProvidersConfig providers, List<DecisionDefinition> decisions) {

    public FeedbackSettings {
        decisions = List.copyOf(decisions);
    }

    public static FeedbackSettings of(SwitchboardConfig config) {
        return new FeedbackSettings(config.global().kafka(), config.providers(), config.routing().decisions());
    }
}
