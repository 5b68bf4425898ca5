package dev.switchboard.router.signals;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import dev.switchboard.contracts.config.LanguageSignal;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * Compiled {@code routing.signals.language[]} rules and the detector they need (Lingua, high-accuracy models).
 *
 * <p>The detector knows the configured languages plus {@link #BASE}: twelve widely used ones, so that a prompt in a
 * language no rule names is recognised as such instead of being forced onto the nearest configured one. It takes
 * about 230 MB of heap and 2-3 s to build, so it is built only when a config has language rules, off the event
 * loop, and shared between config versions with the same languages. Detecting one prompt takes about 0.4 ms, on a
 * worker thread, while the prompt is being embedded.
 */
public final class LanguageRules {

    /** Detected besides the configured languages, so that "none of them" can be the answer. */
    static final Set<IsoCode639_1> BASE = EnumSet.of(IsoCode639_1.EN, IsoCode639_1.ZH, IsoCode639_1.ES,
            IsoCode639_1.FR, IsoCode639_1.DE, IsoCode639_1.PT, IsoCode639_1.IT, IsoCode639_1.RU, IsoCode639_1.JA,
            IsoCode639_1.KO, IsoCode639_1.AR, IsoCode639_1.HI);

    /** Lingua's own default confidence floor, used when a rule's threshold is 0. */
    static final double DEFAULT_THRESHOLD = 0.3;

    private final List<LanguageSignal> rules;
    private final LanguageDetector detector;

    /** The language of a text and the detector's confidence in it. */
    public record Detected(String isoCode, double confidence) {
    }

    private LanguageRules(List<LanguageSignal> rules, LanguageDetector detector) {
        this.rules = List.copyOf(rules);
        this.detector = detector;
    }

    /** The languages a detector for these rules must know. */
    public static Set<IsoCode639_1> languagesFor(List<LanguageSignal> rules) {
        Set<IsoCode639_1> languages = EnumSet.copyOf(BASE);
        for (LanguageSignal rule : rules) {
            languages.add(isoCode(rule.name()));
        }
        return languages;
    }

    /** Builds a detector; blocking, seconds. */
    public static LanguageDetector detector(Set<IsoCode639_1> languages) {
        return LanguageDetectorBuilder.fromIsoCodes639_1(languages.toArray(IsoCode639_1[]::new))
                .withPreloadedLanguageModels().build();
    }

    public static LanguageRules of(List<LanguageSignal> rules, LanguageDetector detector) {
        return new LanguageRules(rules, detector);
    }

    static IsoCode639_1 isoCode(String name) {
        try {
            IsoCode639_1 code = IsoCode639_1.valueOf(name.toUpperCase(Locale.ROOT));
            if (code == IsoCode639_1.NONE) {
                throw new IllegalArgumentException(name);
            }
            return code;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("routing.signals.language: '" + name
                    + "' is not a language the detector knows (ISO 639-1 codes such as en, zh, es)", e);
        }
    }

    /** The most likely language of the text; blocking, about 0.4 ms. */
    public Detected detect(String text) {
        SortedMap<Language, Double> confidences = detector.computeLanguageConfidenceValues(text);
        if (confidences.isEmpty()) {
            return new Detected("", 0);
        }
        Map.Entry<Language, Double> best = confidences.entrySet().stream()
                .max(Map.Entry.comparingByValue()).orElseThrow();
        return new Detected(best.getKey().getIsoCode639_1().name().toLowerCase(Locale.ROOT), best.getValue());
    }

    /** Adds the matching rules to {@code matched}. */
    void evaluate(Detected detected, Map<String, Double> matched) {
        for (LanguageSignal rule : rules) {
            double threshold = rule.threshold() > 0 ? rule.threshold() : DEFAULT_THRESHOLD;
            if (rule.name().equals(detected.isoCode()) && detected.confidence() >= threshold) {
                matched.put(SignalResults.key("language", rule.name()), detected.confidence());
            }
        }
    }
}
