package dev.switchboard.router.signals;

import dev.switchboard.contracts.config.FeatureSignal;
import dev.switchboard.contracts.config.SignalsConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A compiled {@code routing.signals.structure[]} rule: a feature of the latest user turn's text (occurrences of a
 * pattern or of keywords, their density per text unit, an ordered sequence of words, the UTF-8 length) and a
 * numeric predicate on it. A text unit is a word of a spaced script or one CJK character, so that densities compare
 * across languages. The confidence of a match is 1.
 */
public final class StructureRule {

    /** A word of a spaced script, or one character of a script written without spaces. */
    private static final Pattern TEXT_UNIT = Pattern.compile(
            "[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\p{IsThai}]|[\\p{L}\\p{N}]+");

    private final String name;
    private final String type;
    private final String source;
    private final List<Pattern> patterns;
    private final List<List<String>> sequences;
    private final boolean caseSensitive;
    private final FeatureSignal signal;

    public StructureRule(FeatureSignal signal) {
        this.name = signal.name();
        this.type = signal.feature().type();
        FeatureSignal.Source from = signal.feature().source();
        this.source = from.type();
        this.caseSensitive = from.caseSensitive();
        int flags = caseSensitive ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        this.patterns = switch (source) {
            case "regex" -> List.of(Pattern.compile(from.pattern()));
            case "keyword_set" -> from.keywords().stream().map(k -> Pattern.compile(Pattern.quote(k), flags)).toList();
            default -> List.of();
        };
        this.sequences = from.sequences().stream().map(words -> words.stream()
                .map(word -> caseSensitive ? word : word.toLowerCase(Locale.ROOT)).toList()).toList();
        this.signal = signal;
    }

    public String name() {
        return name;
    }

    /** The feature's value on a text. */
    public double measure(String text) {
        double count = switch (source) {
            case "text_bytes" -> text.getBytes(StandardCharsets.UTF_8).length;
            case "sequence" -> inOrder(text) ? 1 : 0;
            default -> occurrences(text);
        };
        return switch (type) {
            case FeatureSignal.EXISTS, FeatureSignal.SEQUENCE -> count > 0 ? 1 : 0;
            case FeatureSignal.DENSITY -> count / Math.max(1, units(text));
            default -> count;
        };
    }

    public boolean matches(String text) {
        return signal.holds(measure(text));
    }

    void evaluate(String text, Map<String, Double> matched) {
        if (matches(text)) {
            matched.put(SignalResults.key(SignalsConfig.STRUCTURE, name), 1.0);
        }
    }

    private int occurrences(String text) {
        int count = 0;
        for (Pattern pattern : patterns) {
            Matcher matcher = pattern.matcher(text);
            while (matcher.find()) {
                count++;
            }
        }
        return count;
    }

    /** Whether some sequence's words all occur, each after the one before. */
    private boolean inOrder(String text) {
        String haystack = caseSensitive ? text : text.toLowerCase(Locale.ROOT);
        for (List<String> words : sequences) {
            int from = 0;
            boolean found = true;
            for (String word : words) {
                int at = haystack.indexOf(word, from);
                if (at < 0) {
                    found = false;
                    break;
                }
                from = at + word.length();
            }
            if (found) {
                return true;
            }
        }
        return false;
    }

    private static int units(String text) {
        Matcher matcher = TEXT_UNIT.matcher(text);
        int units = 0;
        while (matcher.find()) {
            units++;
        }
        return units;
    }
}
