package dev.switchboard.router.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.contracts.config.LanguageSignal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LanguageRulesTest {

    @Test
    void shouldDetectConfiguredLanguagesAndNothingElse() {
        List<LanguageSignal> rules = List.of(new LanguageSignal("de", null, null), new LanguageSignal("sw", null, 0.9));
        LanguageRules language = LanguageRules.of(rules, LanguageRules.detector(LanguageRules.languagesFor(rules)));

        LanguageRules.Detected german = language.detect("Wie viele Einwohner hat Berlin und wie hat sich die Zahl entwickelt?");
        LanguageRules.Detected english = language.detect("Write me a Python function to compute fibonacci numbers");
        Map<String, Double> matched = new HashMap<>();
        language.evaluate(german, matched);
        language.evaluate(english, matched);

        assertThat(german.isoCode()).isEqualTo("de");
        assertThat(english.isoCode()).isEqualTo("en");
        assertThat(matched).containsOnlyKeys("language:de");
    }

    @Test
    void shouldRefuseAnUnknownLanguageCode() {
        assertThatThrownBy(() -> LanguageRules.languagesFor(List.of(new LanguageSignal("xx", null, null))))
                .hasMessageContaining("'xx' is not a language the detector knows");
    }
}
