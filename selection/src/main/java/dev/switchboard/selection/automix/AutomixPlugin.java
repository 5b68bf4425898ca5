package dev.switchboard.selection.automix;

import dev.switchboard.contracts.config.ConfigChecks;
import dev.switchboard.selection.SelectionAlgorithm;
import dev.switchboard.selection.SelectionContext;
import dev.switchboard.selection.SelectionPlugin;
import dev.switchboard.selection.learning.Learner;
import java.util.Optional;

/** {@code type: automix}. */
public final class AutomixPlugin implements SelectionPlugin<AutomixSettings> {

    @Override
    public String type() {
        return AutomixSelection.TYPE;
    }

    @Override
    public Class<AutomixSettings> settingsType() {
        return AutomixSettings.class;
    }

    @Override
    public void validate(AutomixSettings settings, ConfigChecks checks) {
        checks.inRange("verification_threshold", settings.verificationThreshold(), 0, 1);
        checks.inRange("max_escalations", settings.maxEscalations(), 0, 100);
        checks.nonNegative("cost_quality_tradeoff", settings.costQualityTradeoff());
        checks.inRange("discount_factor", settings.discountFactor(), 0, 1);
        checks.inRange("learning_rate", settings.learningRate(), 1e-6, 10);
    }

    @Override
    public SelectionAlgorithm create(AutomixSettings settings, SelectionContext context) {
        return new AutomixSelection(settings);
    }

    @Override
    public Optional<Learner> learner(AutomixSettings settings) {
        return Optional.of(new AutomixLearner(settings));
    }
}
