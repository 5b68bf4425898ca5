package dev.switchboard.router.signals;

import dev.switchboard.contracts.config.KeywordSignal;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A compiled {@code routing.signals.keywords[]} rule. Plain keywords are substrings (the homelab article's Python
 * router: {@code any(k in prompt_lower for k in keywords)}), or whole words with {@code word_boundary}; regex
 * keywords are found anywhere. {@code OR} matches when any keyword is present, {@code AND} when all are, {@code NOR}
 * when none is. The confidence of a match is the share of keywords present (1 for NOR).
 */
public final class KeywordRule {

    private final String name;
    private final String operator;
    private final List<Pattern> patterns;

    public KeywordRule(KeywordSignal signal) {
        this.name = signal.name();
        this.operator = signal.operator();
        int flags = signal.caseSensitive() ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        this.patterns = signal.keywords().stream().map(keyword -> Pattern.compile(
                KeywordSignal.METHOD_REGEX.equals(signal.method()) ? keyword
                        : signal.wordBoundary() ? "(?<![\\p{L}\\p{N}_])" + Pattern.quote(keyword) + "(?![\\p{L}\\p{N}_])"
                        : Pattern.quote(keyword), flags)).toList();
    }

    public String name() {
        return name;
    }

    /** The confidence if the rule matches {@code text}, else a negative number. */
    public double evaluate(String text) {
        int present = 0;
        for (Pattern pattern : patterns) {
            if (pattern.matcher(text).find()) {
                present++;
            }
        }
        return switch (operator.toUpperCase(Locale.ROOT)) {
            case "AND" -> present == patterns.size() ? 1.0 : -1;
            case "NOR" -> present == 0 ? 1.0 : -1;
            default -> present > 0 ? (double) present / patterns.size() : -1;
        };
    }
}
