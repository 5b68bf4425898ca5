package dev.switchboard.contracts.config;

/**
 * One entry of {@code routing.signals.language[]}: the prompt is in the language named by the rule.
 *
 * @param name        ISO 639-1 code of the language, e.g. {@code zh}, {@code es}
 * @param description free text; nullable
 * @param threshold   minimum detector confidence in [0, 1]; 0 or absent means the detector's default
 */
public record LanguageSignal(String name, String description, Double threshold) {

    public LanguageSignal {
        threshold = threshold == null ? 0.0 : threshold;
    }
}
