package dev.switchboard.router.signals;

import dev.switchboard.contracts.config.ReaskSignal;
import dev.switchboard.contracts.config.SignalsConfig;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A compiled {@code routing.signals.reasks[]} rule: the latest user turn is at least {@code threshold} similar to
 * each of the previous {@code lookback_turns} user turns. Similarity is the cosine of character-trigram counts of
 * the normalised texts: a repeated or lightly edited question scores near 1, a new one near 0, and the earlier turns
 * need no embedding. The confidence of a match is the least of the similarities.
 */
public record ReaskRule(String name, double threshold, int lookbackTurns) {

    public static ReaskRule of(ReaskSignal signal) {
        return new ReaskRule(signal.name(), signal.threshold(), signal.lookbackTurns());
    }

    /** The least similarity to the previous turns, or -1 when there are fewer of them than the rule looks back. */
    public double similarity(String latest, List<String> earlierTurns) {
        if (earlierTurns.size() < lookbackTurns || latest.isBlank()) {
            return -1;
        }
        Map<String, Integer> current = trigrams(latest);
        double least = 1;
        for (int back = 1; back <= lookbackTurns; back++) {
            least = Math.min(least, cosine(current, trigrams(earlierTurns.get(earlierTurns.size() - back))));
        }
        return least;
    }

    void evaluate(String latest, List<String> earlierTurns, Map<String, Double> matched) {
        double similarity = similarity(latest, earlierTurns);
        if (similarity >= threshold) {
            matched.put(SignalResults.key(SignalsConfig.REASK, name), similarity);
        }
    }

    static Map<String, Integer> trigrams(String text) {
        String normal = " " + Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}]+", " ").strip() + " ";
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i + 3 <= normal.length(); i++) {
            counts.merge(normal.substring(i, i + 3), 1, Integer::sum);
        }
        return counts;
    }

    private static double cosine(Map<String, Integer> a, Map<String, Integer> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        double dot = 0;
        for (Map.Entry<String, Integer> gram : a.entrySet()) {
            dot += gram.getValue() * b.getOrDefault(gram.getKey(), 0);
        }
        return dot / Math.sqrt(norm(a) * norm(b));
    }

    private static double norm(Map<String, Integer> counts) {
        double sum = 0;
        for (int count : counts.values()) {
            sum += (double) count * count;
        }
        return sum;
    }
}
