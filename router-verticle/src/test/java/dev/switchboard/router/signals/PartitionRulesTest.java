package dev.switchboard.router.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.contracts.config.EmbeddingSignal;
import dev.switchboard.contracts.config.ProjectionsConfig;
import dev.switchboard.contracts.config.SignalsConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartitionRulesTest {

    private static final List<String> LANES = List.of("code", "design", "chat");

    private static PartitionRules partition(String semantics, Double temperature) {
        SignalsConfig signals = new SignalsConfig(null, LANES.stream().map(name -> new EmbeddingSignal(name,
                null, List.of(name), 0.5, null)).toList(), null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null);
        return new PartitionRules(new ProjectionsConfig(List.of(new ProjectionsConfig.Partition("lanes", semantics,
                temperature, LANES, "chat")), null, null), signals);
    }

    private static Map<String, Double> matched(double code, double design) {
        Map<String, Double> matched = new HashMap<>();
        matched.put("embedding:code", code);
        matched.put("embedding:design", design);
        matched.put("keyword:urgent", 1.0);
        return matched;
    }

    @Test
    void shouldKeepOnlyTheMostConfidentMember() {
        Map<String, Double> matched = matched(0.8, 0.7);

        partition(ProjectionsConfig.EXCLUSIVE, null).apply(matched);

        assertThat(matched).containsOnly(Map.entry("embedding:code", 0.8), Map.entry("keyword:urgent", 1.0));
    }

    @Test
    void shouldRenormaliseTheWinnerAgainstTheOtherMatchesBySoftmax() {
        Map<String, Double> matched = matched(0.8, 0.7);

        partition(ProjectionsConfig.SOFTMAX_EXCLUSIVE, 0.1).apply(matched);

        // exp(8) / (exp(8) + exp(7)) = 1 / (1 + e^-1)
        assertThat(matched.get("embedding:code")).isCloseTo(1 / (1 + Math.exp(-1)), within(1e-9));
        assertThat(matched).doesNotContainKey("embedding:design");
    }

    @Test
    void shouldMatchTheDefaultWhenNoMemberMatched() {
        Map<String, Double> matched = new HashMap<>(Map.of("keyword:urgent", 1.0));

        partition(ProjectionsConfig.EXCLUSIVE, null).apply(matched);

        assertThat(matched).containsEntry("embedding:chat", 1.0 / 3).containsEntry("keyword:urgent", 1.0);
    }
}
