package dev.switchboard.router;

import dev.switchboard.contracts.config.DecisionDefinition;
import dev.switchboard.contracts.config.RoutingConfig;
import dev.switchboard.contracts.config.RuleNode;
import dev.switchboard.router.signals.SignalResults;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Evaluates decisions' rule trees over a request's signals and picks the winning decision.
 *
 * <p>A leaf matches when its signal rule matched, with that rule's confidence; {@code AND} matches when every child
 * does (confidence: their mean; an empty AND matches with 0), {@code OR} when some child does (the best child's
 * confidence), {@code NOT} when its one child does not (confidence 1). Unlike the reference, the empty tree
 * {@code rules: {}} matches every request (confidence 0), which is what the homelab config needs. Among matching
 * decisions the strategy {@code priority} prefers higher priority, then higher confidence; {@code confidence} the
 * reverse; ties go to the decision listed first.
 */
final class DecisionEngine {

    /** A decision that matched, with its confidence. */
    record Match(DecisionDefinition decision, double confidence, int index) {
    }

    private DecisionEngine() {
    }

    static OptionalDouble evaluate(RuleNode rule, SignalResults signals) {
        if (rule.isEmpty()) {
            return OptionalDouble.of(0);
        }
        if (rule.isLeaf()) {
            return signals.confidence(rule.type(), rule.name());
        }
        switch (rule.operator()) {
            case "AND": {
                double sum = 0;
                for (RuleNode child : rule.conditions()) {
                    OptionalDouble confidence = evaluate(child, signals);
                    if (confidence.isEmpty()) {
                        return OptionalDouble.empty();
                    }
                    sum += confidence.getAsDouble();
                }
                return OptionalDouble.of(rule.conditions().isEmpty() ? 0 : sum / rule.conditions().size());
            }
            case "OR": {
                OptionalDouble best = OptionalDouble.empty();
                for (RuleNode child : rule.conditions()) {
                    OptionalDouble confidence = evaluate(child, signals);
                    if (confidence.isPresent() && (best.isEmpty() || confidence.getAsDouble() > best.getAsDouble())) {
                        best = confidence;
                    }
                }
                return best;
            }
            case "NOT":
                return evaluate(rule.conditions().get(0), signals).isPresent()
                        ? OptionalDouble.empty() : OptionalDouble.of(1);
            default:
                throw new IllegalStateException("operator " + rule.operator() + " passed validation");
        }
    }

    /** The winning decision among {@code decisions}, if any matches. */
    static Optional<Match> choose(List<DecisionDefinition> decisions, String strategy, SignalResults signals) {
        Comparator<Match> byPriority = Comparator.comparingInt((Match m) -> m.decision().priority()).reversed();
        Comparator<Match> byConfidence = Comparator.comparingDouble(Match::confidence).reversed();
        Comparator<Match> order = (RoutingConfig.STRATEGY_CONFIDENCE.equals(strategy)
                ? byConfidence.thenComparing(byPriority) : byPriority.thenComparing(byConfidence))
                .thenComparingInt(Match::index);
        Optional<Match> best = Optional.empty();
        for (int i = 0; i < decisions.size(); i++) {
            OptionalDouble confidence = evaluate(decisions.get(i).rules(), signals);
            if (confidence.isPresent()) {
                Match match = new Match(decisions.get(i), confidence.getAsDouble(), i);
                if (best.isEmpty() || order.compare(match, best.get()) < 0) {
                    best = Optional.of(match);
                }
            }
        }
        return best;
    }
}
