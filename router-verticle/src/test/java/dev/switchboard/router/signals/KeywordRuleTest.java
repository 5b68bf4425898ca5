package dev.switchboard.router.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.bus.RouteRequest;
import dev.switchboard.contracts.config.ContextSignal;
import dev.switchboard.contracts.config.KeywordSignal;
import dev.switchboard.contracts.config.SignalsConfig;
import dev.switchboard.contracts.config.TokenCount;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keyword and context rules, including the homelab article's Python keyword router expressed as config. */
class KeywordRuleTest {

    private static final RouteRequest EMPTY = new RouteRequest("r", "MoM", "", List.of(), 0, null, null, true, "test");


    // router.py: any(k in prompt_lower for k in coding_keywords)
    static final KeywordSignal CODING = new KeywordSignal("coding", null, "OR", null, List.of("code", "python",
            "javascript", "bash", "script", "function", "bug", "error", "html", "css"), null, null);
    static final KeywordSignal REASONING = new KeywordSignal("reasoning", null, "OR", null, List.of("think", "analyze",
            "explain in detail", "reasoning", "logic", "deduce"), null, null);

    @Test
    void shouldMatchLikeTheArticlesPythonRouter() {
        KeywordRule coding = new KeywordRule(CODING);
        KeywordRule reasoning = new KeywordRule(REASONING);

        assertThat(coding.evaluate("Write me a Python function to compute fibonacci numbers")).isPositive();
        // The article's two misroutes, reproduced faithfully: substring matching knows no meaning.
        assertThat(coding.evaluate("Explain the async/await pattern in Rust")).isNegative();
        assertThat(reasoning.evaluate("Help me think about dinner options")).isPositive();
        // Substrings, as in Python's `in`: "bug" is found inside "debugging".
        assertThat(coding.evaluate("Tips for debugging?")).isPositive();
    }

    @Test
    void shouldRequireAllForAndNoneForNor() {
        KeywordRule and = new KeywordRule(new KeywordSignal("and", null, "AND", null, List.of("sql", "index"),
                null, null));
        KeywordRule nor = new KeywordRule(new KeywordSignal("nor", null, "NOR", null, List.of("password", "ssn"),
                null, null));

        assertThat(and.evaluate("Add an index to this SQL table")).isEqualTo(1.0);
        assertThat(and.evaluate("Write SQL")).isNegative();
        assertThat(nor.evaluate("What is my SSN?")).isNegative();
        assertThat(nor.evaluate("Summarise this article")).isEqualTo(1.0);
    }

    @Test
    void shouldScoreTheShareOfKeywordsPresent() {
        KeywordRule rule = new KeywordRule(new KeywordSignal("k", null, "OR", null, List.of("a1", "b2", "c3", "d4"),
                null, null));

        assertThat(rule.evaluate("a1 and b2")).isEqualTo(0.5);
    }

    @Test
    void shouldHonourCaseWordBoundariesAndRegex() {
        KeywordRule caseSensitive = new KeywordRule(new KeywordSignal("c", null, "OR", null, List.of("SQL"), true,
                null));
        KeywordRule words = new KeywordRule(new KeywordSignal("w", null, "OR", null, List.of("bug"), null, true));
        KeywordRule regex = new KeywordRule(new KeywordSignal("r", null, "OR", "regex",
                List.of("at [\\w.$]+\\(\\w+\\.java:\\d+\\)"), null, null));

        assertThat(caseSensitive.evaluate("write sql")).isNegative();
        assertThat(caseSensitive.evaluate("write SQL")).isPositive();
        assertThat(words.evaluate("Tips for debugging?")).isNegative();
        assertThat(words.evaluate("There is a bug here")).isPositive();
        assertThat(regex.evaluate("Exception\n  at com.acme.Foo.bar(Foo.java:42)")).isPositive();
        assertThat(regex.evaluate("no stack trace")).isNegative();
    }

    @Test
    void shouldMatchTokenRangesInclusively() {
        ContextRule longContext = ContextRule.of(new ContextSignal("long", null, new TokenCount(32_000), null));
        ContextRule band = ContextRule.of(new ContextSignal("band", null, new TokenCount(10), new TokenCount(20)));

        assertThat(longContext.matches(31_999)).isFalse();
        assertThat(longContext.matches(32_000)).isTrue();
        assertThat(band.matches(10)).isTrue();
        assertThat(band.matches(20)).isTrue();
        assertThat(band.matches(21)).isFalse();
    }

    @Test
    void shouldAggregateEmbeddingSimilarityByMaxOrMean() {
        float[] x = {1, 0};
        float[] y = {0, 1};
        float[] diagonal = {(float) Math.sqrt(0.5), (float) Math.sqrt(0.5)};
        EmbeddingRule max = new EmbeddingRule("max", List.of(x, y), 0.9, false);
        EmbeddingRule mean = new EmbeddingRule("mean", List.of(x, y), 0.9, true);

        assertThat(max.similarity(x)).isEqualTo(1.0);
        assertThat(mean.similarity(x)).isEqualTo(0.5);
        assertThat(mean.similarity(diagonal)).isCloseTo(Math.sqrt(0.5), org.assertj.core.api.Assertions.within(1e-6));
        Signals signals = Signals.compile(SignalsConfig.none(), EmbeddedRules.of(List.of(max, mean)), null, Map.of());
        assertThat(signals.evaluate(EMPTY, x, null).matched()).containsOnlyKeys("embedding:max");
        assertThat(signals.evaluate(EMPTY, null, null).matched()).isEmpty();
        Signals withCards = Signals.compile(SignalsConfig.none(), EmbeddedRules.NONE, null,
                Map.of("coder", x, "writer", y));
        assertThat(withCards.evaluate(EMPTY, diagonal, null).matched()).hasSize(1);
        assertThat(withCards.evaluate(EMPTY, y, null).matched()).containsOnlyKeys("model_card:writer");
    }
}
