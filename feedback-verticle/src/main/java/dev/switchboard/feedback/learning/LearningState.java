package dev.switchboard.feedback.learning;

import dev.switchboard.contracts.bus.LearnedState;
import dev.switchboard.feedback.events.EventJson;
import dev.switchboard.selection.elo.EloSettings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * What the event stream has taught, built by applying decision, outcome and feedback events one at a time, in the
 * order Kafka delivers them: the same events in the same order give the same state on every instance.
 *
 * <ul>
 * <li><b>Elo</b> (global and per decision; initial 1500, K per decision from {@code elo.k_factor}, else 32):
 * pairwise feedback is a game ({@code E = 1/(1+10^((Rl-Rw)/400))}, winner +K(1-E), loser -K(1-E)); a thumbs up,
 * thumbs down, rating or verdict on the model that served is a single-model update of 0.1·K·(2·reward-1).</li>
 * <li><b>Beta counts</b> (global, per decision, per user and per session): explicit feedback adds its reward to
 * successes and 1-reward to failures with weight 1; an outcome adds weight {@code implicitWeight} to successes
 * (2xx) or failures (anything else, 429 and 5xx included).</li>
 * <li><b>Exemplars</b> for nearest-neighbour learners: each explicit feedback on a request whose decision carried
 * a prompt embedding becomes (vector, decision, model, reward); feedback that arrives before its decision waits for
 * it. The newest {@code maxExemplars} are kept.</li>
 * </ul>
 * Rewards: thumbs_up 1, thumbs_down 0, rating its score, verdict good_fit and overprovisioned 1 (the answer was good
 * enough), underpowered and failed 0, pairwise 1 for the winner and 0 for the loser. Events are de-duplicated by
 * {@code event_id}. Not thread-safe: one learning loop owns it.
 */
public final class LearningState {

    private static final int REMEMBERED_EVENT_IDS = 200_000;
    private static final int PENDING_FEEDBACK = 10_000;

    /** One model's counters in one scope. */
    private static final class Stats {
        double rating = EloSettings.START_RATING;
        double successes;
        double failures;
        long comparisons;

        LearnedState.ModelStats frozen() {
            return new LearnedState.ModelStats(rating, successes, failures, comparisons);
        }
    }

    private final DecisionIndex decisions;
    private final int maxExemplars;
    private final double implicitWeight;
    private final ToDoubleFunction<String> kFactorOfDecision;
    private final Map<String, Map<String, Stats>> scopes = new HashMap<>();
    private final ArrayDeque<LearnedState.Exemplar> exemplars = new ArrayDeque<>();
    private final Map<String, List<Double>> rewardsAwaitingDecision = boundedMap(PENDING_FEEDBACK);
    private final LinkedHashSet<String> seenEventIds = new LinkedHashSet<>();
    private long version;

    /**
     * @param decisions         where decisions are indexed and looked up
     * @param maxExemplars      exemplars kept (newest)
     * @param implicitWeight    weight of an outcome against explicit feedback's 1
     * @param kFactorOfDecision Elo K of a decision (the global table uses {@link #EloSettings.DEFAULT_K})
     */
    public LearningState(DecisionIndex decisions, int maxExemplars, double implicitWeight,
            ToDoubleFunction<String> kFactorOfDecision) {
        this.decisions = decisions;
        this.maxExemplars = maxExemplars;
        this.implicitWeight = implicitWeight;
        this.kFactorOfDecision = kFactorOfDecision;
    }

    public long version() {
        return version;
    }

    /** Applies one event; false when it was seen before or is not one of ours. */
    public boolean apply(JsonObject event) {
        String eventId = event.getString("event_id");
        if (eventId == null || !remember(eventId)) {
            return false;
        }
        boolean applied = switch (event.getString("type", "")) {
            case "decision" -> applyDecision(event);
            case "outcome" -> applyOutcome(event);
            case "feedback" -> applyFeedback(event);
            default -> false;
        };
        if (applied) {
            version++;
        }
        return applied;
    }

    private boolean applyDecision(JsonObject event) {
        String requestId = event.getString("request_id");
        JsonObject embedding = event.getJsonObject("embedding");
        List<String> candidates = new ArrayList<>();
        event.getJsonArray("candidates", new JsonArray()).forEach(c -> candidates.add(((JsonObject) c)
                .getString("model")));
        DecisionIndex.Entry entry = new DecisionIndex.Entry(event.getString("selected_model"),
                event.getString("decision"), candidates, event.getString("user_id"), event.getString("session_id"),
                embedding == null ? null : embedding.getString("model"),
                embedding == null ? null : EventJson.decode(embedding.getString("vector_f32le_base64")));
        decisions.put(requestId, entry);
        List<Double> waiting = rewardsAwaitingDecision.remove(requestId);
        if (waiting != null) {
            waiting.forEach(reward -> remember(entry, entry.model(), reward));
        }
        return true;
    }

    private boolean applyOutcome(JsonObject event) {
        String model = event.getString("model");
        if (model == null) {
            return false;
        }
        boolean success = event.getBoolean("success", false);
        Optional<DecisionIndex.Entry> decision = decisions.get(event.getString("request_id"));
        for (String scope : scopes(event.getString("decision"), decision.map(DecisionIndex.Entry::userId)
                .orElse(null), decision.map(DecisionIndex.Entry::sessionId).orElse(null))) {
            count(scope, model, success ? 1 : 0, implicitWeight);
        }
        return true;
    }

    private boolean applyFeedback(JsonObject event) {
        String model = event.getString("model");
        String decision = event.getString("decision");
        Optional<DecisionIndex.Entry> served = decisions.get(event.getString("request_id"));
        String user = event.getString("user_id", served.map(DecisionIndex.Entry::userId).orElse(null));
        String session = served.map(DecisionIndex.Entry::sessionId).orElse(null);
        if ("pairwise".equals(event.getString("feedback_type"))) {
            String winner = event.getString("winner");
            String loser = event.getString("loser");
            for (String scope : eloScopes(decision)) {
                game(scope, winner, loser, kFactor(scope));
            }
            for (String scope : scopes(decision, user, session)) {
                count(scope, winner, 1, 1);
                count(scope, loser, 0, 1);
            }
            if (model != null && (model.equals(winner) || model.equals(loser))) {
                exemplar(event.getString("request_id"), served, model.equals(winner) ? 1 : 0);
            }
            return true;
        }
        Double reward = reward(event);
        if (reward == null || model == null) {
            return false;
        }
        for (String scope : eloScopes(decision)) {
            Stats stats = stats(scope, model);
            stats.rating += 0.1 * kFactor(scope) * (2 * reward - 1);
            stats.comparisons++;
        }
        for (String scope : scopes(decision, user, session)) {
            count(scope, model, reward, 1);
        }
        exemplar(event.getString("request_id"), served, reward);
        return true;
    }

    /** The reward of a single-model feedback event in [0, 1]; null when it carries none. */
    public static Double reward(JsonObject event) {
        return switch (event.getString("feedback_type", "")) {
            case "thumbs_up" -> 1.0;
            case "thumbs_down" -> 0.0;
            case "rating" -> event.getDouble("score");
            case "verdict" -> switch (event.getString("verdict", "")) {
                case "good_fit", "overprovisioned" -> 1.0;
                case "underpowered", "failed" -> 0.0;
                default -> null;
            };
            default -> null;
        };
    }

    private void exemplar(String requestId, Optional<DecisionIndex.Entry> served, double reward) {
        if (served.isPresent()) {
            remember(served.get(), served.get().model(), reward);
        } else {
            rewardsAwaitingDecision.computeIfAbsent(requestId, id -> new ArrayList<>()).add(reward);
        }
    }

    private void remember(DecisionIndex.Entry decision, String model, double reward) {
        if (decision.vector() == null) {
            return;
        }
        exemplars.addLast(new LearnedState.Exemplar(decision.embeddingModel(), decision.vector(), decision.decision(),
                model, reward));
        while (exemplars.size() > maxExemplars) {
            exemplars.pollFirst();
        }
    }

    private void game(String scope, String winner, String loser, double k) {
        Stats w = stats(scope, winner);
        Stats l = stats(scope, loser);
        double expected = 1 / (1 + Math.pow(10, (l.rating - w.rating) / 400));
        w.rating += k * (1 - expected);
        l.rating -= k * (1 - expected);
        w.comparisons++;
        l.comparisons++;
    }

    private void count(String scope, String model, double reward, double weight) {
        Stats stats = stats(scope, model);
        stats.successes += weight * reward;
        stats.failures += weight * (1 - reward);
    }

    private Stats stats(String scope, String model) {
        return scopes.computeIfAbsent(scope, s -> new HashMap<>()).computeIfAbsent(model, m -> new Stats());
    }

    private double kFactor(String scope) {
        return LearnedState.GLOBAL.equals(scope) ? EloSettings.DEFAULT_K : kFactorOfDecision.applyAsDouble(scope);
    }

    private static List<String> eloScopes(String decision) {
        return decision == null ? List.of(LearnedState.GLOBAL) : List.of(LearnedState.GLOBAL, decision);
    }

    private static List<String> scopes(String decision, String user, String session) {
        List<String> scopes = new ArrayList<>(eloScopes(decision));
        if (user != null) {
            scopes.add(LearnedState.USER_SCOPE + user);
        }
        if (session != null) {
            scopes.add(LearnedState.SESSION_SCOPE + session);
        }
        return scopes;
    }

    private boolean remember(String eventId) {
        if (!seenEventIds.add(eventId)) {
            return false;
        }
        if (seenEventIds.size() > REMEMBERED_EVENT_IDS) {
            seenEventIds.remove(seenEventIds.iterator().next());
        }
        return true;
    }

    /** An immutable copy for the routers. */
    public LearnedState snapshot() {
        Map<String, Map<String, LearnedState.ModelStats>> byScope = new HashMap<>();
        scopes.forEach((scope, models) -> {
            Map<String, LearnedState.ModelStats> frozen = new HashMap<>();
            models.forEach((model, stats) -> frozen.put(model, stats.frozen()));
            byScope.put(scope, Map.copyOf(frozen));
        });
        return new LearnedState(version, byScope, List.copyOf(exemplars));
    }

    /** The counters (not the exemplars) as JSON, for the learned-state snapshot. */
    public JsonObject countersJson() {
        JsonObject json = new JsonObject();
        scopes.forEach((scope, models) -> {
            JsonObject perModel = new JsonObject();
            models.forEach((model, s) -> perModel.put(model, new JsonObject().put("rating", s.rating)
                    .put("successes", s.successes).put("failures", s.failures).put("comparisons", s.comparisons)));
            json.put(scope, perModel);
        });
        return json;
    }

    /** The exemplars, oldest first, as JSON. */
    public List<JsonObject> exemplarsJson() {
        List<JsonObject> out = new ArrayList<>(exemplars.size());
        for (LearnedState.Exemplar e : exemplars) {
            out.add(new JsonObject().put("embedding_model", e.embeddingModel()).put("decision", e.decision())
                    .put("model", e.model()).put("reward", e.reward())
                    .put("vector_f32le_base64", EventJson.encode(e.vector())));
        }
        return out;
    }

    /** Replaces everything with a snapshot's content (on start-up, before the tail of the topics is applied). */
    public void restore(long snapshotVersion, JsonObject counters, List<JsonObject> savedExemplars) {
        scopes.clear();
        exemplars.clear();
        counters.forEach(scope -> ((JsonObject) scope.getValue()).forEach(model -> {
            JsonObject s = (JsonObject) model.getValue();
            Stats stats = stats(scope.getKey(), model.getKey());
            stats.rating = s.getDouble("rating", EloSettings.START_RATING);
            stats.successes = s.getDouble("successes", 0.0);
            stats.failures = s.getDouble("failures", 0.0);
            stats.comparisons = s.getLong("comparisons", 0L);
        }));
        for (JsonObject e : savedExemplars) {
            exemplars.addLast(new LearnedState.Exemplar(e.getString("embedding_model"),
                    EventJson.decode(e.getString("vector_f32le_base64")), e.getString("decision"),
                    e.getString("model"), e.getDouble("reward")));
        }
        version = snapshotVersion;
    }

    private static <K, V> Map<K, V> boundedMap(int capacity) {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }
}
