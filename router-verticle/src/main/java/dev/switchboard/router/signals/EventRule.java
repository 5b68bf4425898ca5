package dev.switchboard.router.signals;

import dev.switchboard.contracts.config.EventSignal;
import dev.switchboard.contracts.config.SignalsConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A compiled {@code routing.signals.events[]} rule: each criterion (event types, severities, action codes, urgency)
 * is one pattern of its words, found case-insensitively between non-word characters. Matches when at least one
 * criterion is found, with confidence {@code 0.5 + 0.5 × found / configured}, the reference's grading.
 */
final class EventRule {

    private static final String WORD_START = "(?<![\\p{L}\\p{N}_])";
    private static final String WORD_END = "(?![\\p{L}\\p{N}_])";

    private final String name;
    private final List<Pattern> criteria = new ArrayList<>();

    EventRule(EventSignal signal) {
        this.name = signal.name();
        for (List<String> words : List.of(signal.eventTypes(), signal.severities(), signal.actionCodes())) {
            if (!words.isEmpty()) {
                criteria.add(anyWord(words.stream().map(Pattern::quote).toList()));
            }
        }
        if (signal.temporal()) {
            // The markers are the reference's patterns: "critical.window" lets any character join the two words.
            criteria.add(anyWord(EventSignal.URGENCY_MARKERS.stream()
                    .map(marker -> marker.contains(".") ? marker : Pattern.quote(marker)).toList()));
        }
    }

    private static Pattern anyWord(List<String> alternatives) {
        return Pattern.compile(WORD_START + "(?:" + String.join("|", alternatives) + ")" + WORD_END,
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    void evaluate(String text, Map<String, Double> matched) {
        int found = 0;
        for (Pattern criterion : criteria) {
            if (criterion.matcher(text).find()) {
                found++;
            }
        }
        if (found > 0) {
            matched.put(SignalResults.key(SignalsConfig.EVENT, name), 0.5 + 0.5 * found / criteria.size());
        }
    }
}
