package dev.switchboard.router.selection;

import dev.switchboard.contracts.config.ModelCard;
import dev.switchboard.contracts.config.ModelDefinition;

/**
 * One candidate model of a decision, with what algorithms may use about it.
 *
 * @param model      logical name
 * @param weight     the modelRef's weight
 * @param definition the provider entry (pricing, backends)
 * @param card       the model card; null when the model has none
 * @param cardVector unit embedding of the card's description; null without a card or embedding
 */
public record Candidate(String model, double weight, ModelDefinition definition, ModelCard card, float[] cardVector) {

    /** Prompt price per million tokens, or null when unknown. */
    public Double promptPrice() {
        return definition.pricing() == null ? null : definition.pricing().promptPer1m();
    }
}
