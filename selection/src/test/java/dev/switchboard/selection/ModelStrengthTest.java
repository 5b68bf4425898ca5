package dev.switchboard.selection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.config.BackendRef;
import dev.switchboard.contracts.config.ModelCard;
import dev.switchboard.contracts.config.ModelDefinition;
import dev.switchboard.contracts.config.PriceOrigin;
import dev.switchboard.contracts.config.Pricing;
import dev.switchboard.contracts.config.ProvidersConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which candidate is the stronger one: by price, else by quality score, else by parameter count. */
class ModelStrengthTest {

    private static ModelDefinition model(String name, Pricing pricing) {
        return new ModelDefinition(name, null, null, pricing, List.of(new BackendRef("b", "127.0.0.1:1", null, null,
                null, null, null)));
    }

    private static ModelCard card(String name, String paramSize, Double quality) {
        return new ModelCard(name, paramSize, null, null, List.of(), quality, List.of());
    }

    @Test
    void shouldOrderByPriceWhenEveryCandidateHasOne() {
        ProvidersConfig providers = new ProvidersConfig(null, List.of(model("cheap", new Pricing(0.1, 0.4, null)),
                model("dear", new Pricing(5.0, 15.0, null))));

        assertThat(ModelStrength.of(List.of("cheap", "dear"), providers, List.of(card("cheap", "400B", null),
                card("dear", "7B", null)))).containsEntry("cheap", 0.5).containsEntry("dear", 20.0);
    }

    @Test
    void shouldFallBackToTheCardsParameterCountsAsTheHomelabHasThem() {
        ProvidersConfig providers = new ProvidersConfig(null, List.of(model("qwen-coder", null),
                model("gpt-4o", null), model("gemini-flash", null)));

        var strength = ModelStrength.of(List.of("qwen-coder", "gpt-4o", "gemini-flash"), providers, List.of(
                card("qwen-coder", "7B", null), card("gpt-4o", "200B+", null), card("gemini-flash", "~100B", null)));

        assertThat(strength.get("qwen-coder")).isLessThan(strength.get("gemini-flash"));
        assertThat(strength.get("gemini-flash")).isLessThan(strength.get("gpt-4o"));
    }

    @Test
    void shouldNotTakeALocalModelsZeroPriceForWeakness() {
        // Every backend on the stub at 127.0.0.1: all free, which says nothing of which model is stronger.
        Pricing local = new Pricing(0.0, 0.0, null, PriceOrigin.LOCAL, "local backend (127.0.0.1)");
        ProvidersConfig providers = new ProvidersConfig(null, List.of(model("qwen-coder", local),
                model("gpt-4o", local), model("gemini-flash", local)));

        var strength = ModelStrength.of(List.of("qwen-coder", "gpt-4o", "gemini-flash"), providers, List.of(
                card("qwen-coder", "7B", null), card("gpt-4o", "200B+", null), card("gemini-flash", "~100B", null)));

        assertThat(strength.get("qwen-coder")).isLessThan(strength.get("gemini-flash"));
        assertThat(strength.get("gemini-flash")).isLessThan(strength.get("gpt-4o"));
    }

    @Test
    void shouldNotGuessWhenACandidateHasNoMeasure() {
        ProvidersConfig providers = new ProvidersConfig(null, List.of(model("a", null), model("b", null)));

        assertThat(ModelStrength.of(List.of("a", "b"), providers, List.of(card("a", "7B", null)))).isEmpty();
        assertThat(ModelStrength.parameters("1.5T")).isEqualTo(1.5e12);
        assertThat(ModelStrength.parameters("small")).isNull();
    }
}
