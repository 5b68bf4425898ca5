package dev.switchboard.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.config.DecisionDefinition;
import dev.switchboard.contracts.config.RuleNode;
import dev.switchboard.router.signals.SignalResults;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecisionEngineTest {

    static RuleNode leaf(String type, String name) {
        return new RuleNode(null, null, type, name);
    }

    static RuleNode op(String operator, RuleNode... children) {
        return new RuleNode(operator, List.of(children), null, null);
    }

    static DecisionDefinition decision(String name, int priority, RuleNode rules) {
        return new DecisionDefinition(name, null, priority, rules, List.of(), null);
    }

    private final SignalResults signals = new SignalResults(Map.of("keyword:code", 0.5, "embedding:maths", 0.8));

    @Test
    void shouldMatchEveryRequestWithAnEmptyTree() {
        assertThat(DecisionEngine.evaluate(RuleNode.MATCH_ALL, new SignalResults(Map.of()))).hasValue(0);
    }

    @Test
    void shouldCombineConfidencesLikeTheReference() {
        assertThat(DecisionEngine.evaluate(leaf("keyword", "code"), signals)).hasValue(0.5);
        assertThat(DecisionEngine.evaluate(leaf("keyword", "other"), signals)).isEmpty();
        assertThat(DecisionEngine.evaluate(op("AND", leaf("keyword", "code"), leaf("embedding", "maths")), signals))
                .hasValue(0.65);
        assertThat(DecisionEngine.evaluate(op("AND", leaf("keyword", "code"), leaf("keyword", "other")), signals))
                .isEmpty();
        assertThat(DecisionEngine.evaluate(op("OR", leaf("keyword", "other"), leaf("embedding", "maths")), signals))
                .hasValue(0.8);
        assertThat(DecisionEngine.evaluate(op("OR", leaf("keyword", "other")), signals)).isEmpty();
        assertThat(DecisionEngine.evaluate(op("NOT", leaf("keyword", "other")), signals)).hasValue(1.0);
        assertThat(DecisionEngine.evaluate(op("NOT", leaf("keyword", "code")), signals)).isEmpty();
        assertThat(DecisionEngine.evaluate(op("AND"), signals)).hasValue(0);
    }

    @Test
    void shouldPreferPriorityThenConfidenceByDefault() {
        List<DecisionDefinition> decisions = List.of(
                decision("fallback", 0, RuleNode.MATCH_ALL),
                decision("maths", 100, leaf("embedding", "maths")),
                decision("code", 100, leaf("keyword", "code")),
                decision("never", 500, leaf("keyword", "other")));

        assertThat(DecisionEngine.choose(decisions, "priority", signals))
                .hasValueSatisfying(m -> assertThat(m.decision().name()).isEqualTo("maths"));
    }

    @Test
    void shouldPreferConfidenceThenPriorityWithTheConfidenceStrategy() {
        List<DecisionDefinition> decisions = List.of(
                decision("code", 300, leaf("keyword", "code")),
                decision("maths", 100, leaf("embedding", "maths")));

        assertThat(DecisionEngine.choose(decisions, "confidence", signals))
                .hasValueSatisfying(m -> assertThat(m.decision().name()).isEqualTo("maths"));
        assertThat(DecisionEngine.choose(decisions, "priority", signals))
                .hasValueSatisfying(m -> assertThat(m.decision().name()).isEqualTo("code"));
    }

    @Test
    void shouldBreakTiesByOrderAndMatchNothingWhenNothingMatches() {
        List<DecisionDefinition> tied = List.of(decision("first", 1, RuleNode.MATCH_ALL),
                decision("second", 1, RuleNode.MATCH_ALL));

        assertThat(DecisionEngine.choose(tied, "priority", signals))
                .hasValueSatisfying(m -> assertThat(m.decision().name()).isEqualTo("first"));
        assertThat(DecisionEngine.choose(List.of(decision("x", 1, leaf("keyword", "other"))), "priority", signals))
                .isEmpty();
    }
}
