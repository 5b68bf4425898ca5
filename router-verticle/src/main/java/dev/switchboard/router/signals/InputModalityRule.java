package dev.switchboard.router.signals;

import dev.switchboard.contracts.bus.ConversationShape;
import dev.switchboard.contracts.config.InputModalitySignal;
import dev.switchboard.contracts.config.SignalsConfig;
import java.util.Map;

/** A compiled {@code routing.signals.input_modality[]} rule: the user messages carry input of its kind. */
record InputModalityRule(String name, String modality) {

    static InputModalityRule of(InputModalitySignal signal) {
        return new InputModalityRule(signal.name(), signal.modality());
    }

    void evaluate(ConversationShape shape, Map<String, Double> matched) {
        if (shape.userInputs().contains(modality)) {
            matched.put(SignalResults.key(SignalsConfig.INPUT_MODALITY, name), 1.0);
        }
    }
}
