package dev.switchboard.selection.gmtrouter;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What GMTRouter has learned of users, immutable: for each user with enough feedback, how much more (or less) than
 * the average user they find each model the right one, in log-odds. Users whose shifts point the same way are
 * similar: preference travels between them.
 *
 * @param models the models the shifts are over, in order
 * @param shifts per user, one log-odds shift per model
 */
public record UserPreferences(List<String> models, Map<String, double[]> shifts) {

    static final UserPreferences NONE = new UserPreferences(List.of(), Map.of());

    /**
     * The user and the {@code k} users whose preferences are most like theirs (cosine of their shift vectors,
     * positive only); empty for a user without enough feedback.
     */
    Set<String> neighbourhood(String user, int k) {
        double[] own = user == null ? null : shifts.get(user);
        if (own == null) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        out.add(user);
        shifts.entrySet().stream().filter(e -> !e.getKey().equals(user))
                .map(e -> Map.entry(e.getKey(), cosine(own, e.getValue()))).filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(k)
                .forEach(e -> out.add(e.getKey()));
        return out;
    }

    private static double cosine(double[] a, double[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length && i < b.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
