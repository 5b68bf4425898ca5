package dev.switchboard.router.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.config.FeatureSignal;
import dev.switchboard.contracts.config.FeatureSignal.Feature;
import dev.switchboard.contracts.config.FeatureSignal.NumericPredicate;
import dev.switchboard.contracts.config.FeatureSignal.Source;
import java.util.List;
import org.junit.jupiter.api.Test;

class StructureRuleTest {

    private static StructureRule rule(String type, Source source, NumericPredicate predicate) {
        return new StructureRule(new FeatureSignal("r", null, new Feature(type, source), predicate));
    }

    @Test
    void shouldCountPatternMatchesAndTestThePredicate() {
        StructureRule questions = rule(FeatureSignal.COUNT, new Source("regex", "[?？]", null, null, null, null),
                new NumericPredicate(null, 3.0, null, null));
        assertThat(questions.measure("a? b? c？")).isEqualTo(3);
        assertThat(questions.matches("a? b? c？")).isTrue();
        assertThat(questions.matches("a? b")).isFalse();
    }

    @Test
    void shouldMeasureDensityPerWordOrCjkCharacter() {
        StructureRule dense = rule(FeatureSignal.DENSITY, new Source("keyword_set", null, List.of("at most", "不超过"),
                null, null, null), new NumericPredicate(0.1, null, null, null));
        assertThat(dense.measure("use at most five words")).isEqualTo(1.0 / 5);
        assertThat(dense.measure("回答不超过十个字")).isEqualTo(1.0 / 8);
        assertThat(dense.matches("please answer the question below with at most a hundred words or so")).isFalse();
    }

    @Test
    void shouldFindWordsInOrderAndCountBytes() {
        StructureRule flow = rule(FeatureSignal.SEQUENCE, new Source("sequence", null, null,
                List.of(List.of("first", "then")), null, null), null);
        assertThat(flow.matches("First do this, then that")).isTrue();
        assertThat(flow.matches("Then do this, first that")).isFalse();
        StructureRule bytes = rule(FeatureSignal.COUNT, new Source("text_bytes", null, null, null, null, null),
                new NumericPredicate(null, 6.0, null, null));
        assertThat(bytes.measure("日本")).isEqualTo(6);
        assertThat(bytes.matches("日本")).isTrue();
        assertThat(bytes.matches("abc")).isFalse();
    }
}
