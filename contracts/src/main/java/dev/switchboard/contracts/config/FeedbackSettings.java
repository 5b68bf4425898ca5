package dev.switchboard.contracts.config;

import java.util.List;

/**
 * The feedback verticle's slice of the configuration.
 *
 * @param kafka     the event log
 * @param learning  how much is remembered and how outcomes count
 * @param providers models, for the cost of an outcome (pricing)
 * @param decisions decisions, for their learning parameters ({@code elo.k_factor}) and their learners' settings
 * @param cards     model cards, for the candidates' strength order that gives verdicts a direction
 */
public record FeedbackSettings(KafkaConfig kafka, LearningConfig learning, ProvidersConfig providers,
        List<DecisionDefinition> decisions, List<ModelCard> cards) {

    public FeedbackSettings {
        decisions = List.copyOf(decisions);
        cards = cards == null ? List.of() : List.copyOf(cards);
    }

    public static FeedbackSettings of(SwitchboardConfig config) {
        return new FeedbackSettings(config.global().kafka(), config.global().learning(), config.providers(),
                config.routing().decisions(), config.routing().modelCards());
    }
}
