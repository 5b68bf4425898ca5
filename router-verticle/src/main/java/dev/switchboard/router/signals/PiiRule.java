package dev.switchboard.router.signals;

import dev.switchboard.contracts.config.PiiSignal;
import dev.switchboard.contracts.config.SignalsConfig;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A compiled {@code routing.signals.pii[]} rule: it matches when the latest user turn (with {@code include_history},
 * any earlier turn too) carries a PII type the rule does not allow.
 */
public record PiiRule(String name, Set<String> allowed, boolean includeHistory) {

    public static PiiRule of(PiiSignal signal) {
        return new PiiRule(signal.name(), Set.copyOf(signal.piiTypesAllowed()), signal.includeHistory());
    }

    boolean matches(String text, List<String> earlierTurns) {
        if (disallowed(text)) {
            return true;
        }
        return includeHistory && earlierTurns.stream().anyMatch(this::disallowed);
    }

    private boolean disallowed(String text) {
        return PiiDetector.find(text).stream().anyMatch(type -> !allowed.contains(type));
    }

    void evaluate(String text, List<String> earlierTurns, Map<String, Double> matched) {
        if (matches(text, earlierTurns)) {
            matched.put(SignalResults.key(SignalsConfig.PII, name), 1.0);
        }
    }
}
