package dev.switchboard.selection.gmtrouter;

import dev.switchboard.contracts.bus.LearnedState;
import dev.switchboard.selection.learning.Learner;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The user side of GMTRouter's graph: each user's edges to the models (their most recent
 * {@code max_interactions_per_user} choice labels) and every user's together (the average user). A user's
 * preference for a model is the Beta-smoothed share of their feedback that found it the right one; its shift is
 * that preference's log-odds minus the average user's. Bounded: {@code max_users} users, least recently active
 * forgotten first.
 */
final class UserPreferenceLearner implements Learner {

    private static final String USERS = "users";
    private static final String MODEL = "model";
    private static final String TARGET = "target";
    private static final String WEIGHT = "weight";

    private final GmtRouterSettings settings;
    private final Map<String, Deque<LearnedState.Label>> users;
    /** Over every user's kept feedback: per model, the weighted sum of targets and of weights. */
    private final Map<String, double[]> everyone = new LinkedHashMap<>();

    UserPreferenceLearner(GmtRouterSettings settings) {
        this.settings = settings;
        this.users = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Deque<LearnedState.Label>> eldest) {
                if (size() > settings.maxUsers()) {
                    eldest.getValue().forEach(label -> count(label, -1));
                    return true;
                }
                return false;
            }
        };
    }

    @Override
    public void learn(LearnedState.Exemplar exemplar, List<LearnedState.Exemplar> memory) {
        if (exemplar.userId() == null) {
            return;
        }
        Deque<LearnedState.Label> history = users.computeIfAbsent(exemplar.userId(), u -> new ArrayDeque<>());
        for (LearnedState.Label label : exemplar.choices()) {
            history.addLast(label);
            count(label, 1);
            while (history.size() > settings.maxInteractionsPerUser()) {
                count(history.pollFirst(), -1);
            }
        }
    }

    private void count(LearnedState.Label label, int sign) {
        double[] sums = everyone.computeIfAbsent(label.model(), m -> new double[2]);
        sums[0] += sign * label.weight() * label.target();
        sums[1] += sign * label.weight();
    }

    @Override
    public Object model() {
        List<String> models = List.copyOf(everyone.keySet());
        Map<String, double[]> shifts = new LinkedHashMap<>();
        users.forEach((user, history) -> {
            if (history.size() < settings.minInteractionsForPersonalization()) {
                return;
            }
            Map<String, double[]> own = new LinkedHashMap<>();
            history.forEach(label -> {
                double[] sums = own.computeIfAbsent(label.model(), m -> new double[2]);
                sums[0] += label.weight() * label.target();
                sums[1] += label.weight();
            });
            double[] shift = new double[models.size()];
            for (int m = 0; m < shift.length; m++) {
                double[] mine = own.get(models.get(m));
                if (mine != null) {
                    shift[m] = logOdds(mine) - logOdds(everyone.get(models.get(m)));
                }
            }
            shifts.put(user, shift);
        });
        return new UserPreferences(models, Map.copyOf(shifts));
    }

    /** Beta(1, 1)-smoothed log-odds of a weighted share. */
    private static double logOdds(double[] sums) {
        double p = (sums[0] + 1) / (sums[1] + 2);
        return Math.log(p / (1 - p));
    }

    @Override
    public JsonObject save() {
        JsonObject saved = new JsonObject();
        users.forEach((user, history) -> {
            JsonArray labels = new JsonArray();
            history.forEach(l -> labels.add(new JsonObject().put(MODEL, l.model()).put(TARGET, l.target())
                    .put(WEIGHT, l.weight())));
            saved.put(user, labels);
        });
        return new JsonObject().put(USERS, saved);
    }

    @Override
    public void restore(JsonObject saved) {
        users.clear();
        everyone.clear();
        saved.getJsonObject(USERS, new JsonObject()).forEach(entry -> {
            Deque<LearnedState.Label> history = new ArrayDeque<>();
            for (Object item : (JsonArray) entry.getValue()) {
                JsonObject l = (JsonObject) item;
                LearnedState.Label label = new LearnedState.Label(l.getString(MODEL), l.getDouble(TARGET),
                        l.getDouble(WEIGHT));
                history.addLast(label);
                count(label, 1);
            }
            users.put(entry.getKey(), history);
        });
    }

    /** The users kept, for tests of the bound. */
    List<String> users() {
        return new ArrayList<>(users.keySet());
    }
}
