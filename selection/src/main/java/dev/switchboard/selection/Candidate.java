package dev.switchboard.selection;

import dev.switchboard.contracts.config.ModelCard;
import dev.switchboard.contracts.config.ModelDefinition;
import java.util.List;

/**
 * One candidate model of a decision, with what algorithms may use about it.
 *
 * @param model      logical name
 * @param weight     the modelRef's weight
 * @param definition the provider entry (pricing, backends)
 * @param card       the model card; null when the model has none
 * @param cardVector unit embedding of the card's description; null without a card or embedding
 * @param anchors    unit embeddings of the capability-bank prompts given to this card; empty without
 */
public record Candidate(String model, double weight, ModelDefinition definition, ModelCard card, float[] cardVector,
        List<float[]> anchors) {

    public Candidate {
        anchors = anchors == null ? List.of() : List.copyOf(anchors);
    }

    /** Prompt price per million tokens (from the config, local or the price table), or null when unknown. */
    public Double promptPrice() {
        return definition.pricing() == null ? null : definition.pricing().promptPer1m();
    }

    /**
     * The prompt price the config itself gives, or null: a hard ceiling such as {@code slo.max_cost_per_1m} applies
     * to prices the user wrote, never to the shipped table's, which would otherwise silently remove a model the user
     * listed (the homelab file's 0.5 would drop gpt-4o).
     */
    public Double configuredPromptPrice() {
        return definition.pricing() == null || !definition.pricing().configured() ? null
                : definition.pricing().promptPer1m();
    }
}
