package dev.switchboard.feedback.learning;

import dev.switchboard.contracts.bus.FeedbackSubmission;
import dev.switchboard.contracts.bus.LearnedDomains;
import dev.switchboard.contracts.bus.LearnedState;
import dev.switchboard.feedback.events.EventFields;
import dev.switchboard.feedback.events.EventJson;
import dev.switchboard.selection.elo.EloSettings;
import dev.switchboard.selection.learning.FeedbackLabels;
import dev.switchboard.selection.learning.Learner;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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
 * pairwise feedback is a game ({@code E = 1/(1+10^((Rl-Rw)/400))}, winner +K(1-E), loser -K(1-E)), and so is a
 * correction (the named model beats the one that served); a thumbs up, thumbs down, rating or verdict on the model
 * that served is a single-model update of 0.1·K·(2·reward-1).</li>
 * <li><b>Beta counts</b> (global, per decision, per user and per session): explicit feedback adds its reward to
 * successes and 1-reward to failures with weight 1; an outcome adds weight {@code implicitWeight} to successes
 * (2xx) or failures (anything else, 429 and 5xx included). The per-user and per-session tables keep the
 * {@value #MAX_PERSONAL_SCOPES} most recently used.</li>
 * <li><b>Exemplars</b>: each explicit feedback on a request whose decision carried a prompt embedding becomes one,
 * with what the feedback says about each model ({@link FeedbackLabels}); feedback that arrives before its decision
 * waits for it. The newest {@code maxExemplars} are kept, and every exemplar is passed to the algorithms' learners,
 * whose fitted models are published with the state.</li>
 * </ul>
 * Rewards for Elo and the Beta counts: thumbs_up 1, thumbs_down 0, rating its score, verdict good_fit and
 * overprovisioned 1 (the answer was good enough), underpowered and failed 0, pairwise 1 for the winner and 0 for the
 * loser, corrective 1 when it names the model that served, else 0 for it and 1 for the one it names. Events are
 * de-duplicated by {@code event_id}. Not thread-safe: one learning loop owns it.
 */
public final class LearningState {

    static final int REMEMBERED_EVENT_IDS = 200_000;
    static final int PENDING_FEEDBACK = 10_000;
    static final int MAX_PERSONAL_SCOPES = 20_000;

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
    private final double implicitWeight;
    private final ToDoubleFunction<String> kFactorOfDecision;
    /** The global table and one per decision: few, kept for good. */
    private final Map<String, Map<String, Stats>> tables = new HashMap<>();
    /** One table per user and per session: bounded, the least recently used forgotten first. */
    private final Map<String, Map<String, Stats>> personal = lru(MAX_PERSONAL_SCOPES);
    private final ExemplarMemory memory;
    private final Map<String, Learner> learners;
    private final DomainMemory domains = new DomainMemory();
    private final Map<String, List<JsonObject>> feedbackAwaitingDecision = lru(PENDING_FEEDBACK);
    private final LinkedHashSet<String> seenEventIds = new LinkedHashSet<>();
    private long version;
    private long exemplarSequence;

    /**
     * @param decisions         where decisions are indexed and looked up
     * @param maxExemplars      exemplars kept (newest)
     * @param implicitWeight    weight of an outcome against explicit feedback's 1
     * @param kFactorOfDecision Elo K of a decision (the global table uses {@link EloSettings#DEFAULT_K})
     * @param learners          the algorithms' learners, by algorithm type
     */
    public LearningState(DecisionIndex decisions, int maxExemplars, double implicitWeight,
            ToDoubleFunction<String> kFactorOfDecision, Map<String, Learner> learners) {
        this.decisions = decisions;
        this.memory = new ExemplarMemory(maxExemplars);
        this.implicitWeight = implicitWeight;
        this.kFactorOfDecision = kFactorOfDecision;
        this.learners = new LinkedHashMap<>(learners);
    }

    public long version() {
        return version;
    }

    /** Applies one event; false when it was seen before or is not one of ours. */
    public boolean apply(JsonObject event) {
        String eventId = event.getString(EventFields.EVENT_ID);
        if (eventId == null || !firstTime(eventId)) {
            return false;
        }
        boolean applied = switch (event.getString(EventFields.TYPE, "")) {
            case EventFields.DECISION_EVENT -> applyDecision(event);
            case EventFields.OUTCOME_EVENT -> applyOutcome(event);
            case EventFields.FEEDBACK_EVENT -> applyFeedback(event);
            default -> false;
        };
        if (applied) {
            version++;
        }
        return applied;
    }

    private boolean applyDecision(JsonObject event) {
        String requestId = event.getString(EventFields.REQUEST_ID);
        JsonObject embedding = event.getJsonObject(EventFields.EMBEDDING);
        List<String> candidates = new ArrayList<>();
        event.getJsonArray(EventFields.CANDIDATES, new JsonArray()).forEach(c -> candidates.add(((JsonObject) c)
                .getString(EventFields.MODEL)));
        DecisionIndex.Entry entry = new DecisionIndex.Entry(DecisionIndex.servedModel(
                event.getString(EventFields.SELECTED_MODEL), event.getString(EventFields.REASON_CODE)),
                event.getString(EventFields.DECISION), candidates, event.getString(EventFields.USER_ID),
                event.getString(EventFields.SESSION_ID),
                embedding == null ? null : embedding.getString(EventFields.MODEL),
                embedding == null ? null : EventJson.decode(embedding.getString(EventFields.VECTOR)),
                EventJson.numbers(event.getJsonObject(EventFields.PRIOR)));
        decisions.put(requestId, entry);
        List<JsonObject> waiting = feedbackAwaitingDecision.remove(requestId);
        if (waiting != null) {
            waiting.forEach(feedback -> remember(entry, feedback));
        }
        return true;
    }

    private boolean applyOutcome(JsonObject event) {
        String model = event.getString(EventFields.MODEL);
        // An unreachable backend says where the model is served, not how it answers (older events lack the field).
        if (model == null || !event.getBoolean(EventFields.BACKEND_ANSWERED, true)) {
            return false;
        }
        boolean success = event.getBoolean(EventFields.SUCCESS, false);
        Optional<DecisionIndex.Entry> decision = decisions.get(event.getString(EventFields.REQUEST_ID));
        for (Map<String, Stats> scope : scopes(event.getString(EventFields.DECISION),
                decision.map(DecisionIndex.Entry::userId).orElse(null),
                decision.map(DecisionIndex.Entry::sessionId).orElse(null))) {
            count(scope, model, success ? 1 : 0, implicitWeight);
        }
        return true;
    }

    private boolean applyFeedback(JsonObject event) {
        String model = event.getString(EventFields.MODEL);
        String decision = event.getString(EventFields.DECISION);
        Optional<DecisionIndex.Entry> served = decisions.get(event.getString(EventFields.REQUEST_ID));
        String user = event.getString(EventFields.USER_ID, served.map(DecisionIndex.Entry::userId).orElse(null));
        String session = served.map(DecisionIndex.Entry::sessionId).orElse(null);
        String type = event.getString(EventFields.FEEDBACK_TYPE, "");
        String corrected = event.getString(EventFields.CORRECTED_MODEL);
        if (FeedbackSubmission.DOMAIN.equals(type)) {
            // About the prompt, not the model: no counter moves; the prompt becomes an example of its subject.
            if (event.getString(EventFields.DOMAIN) == null) {
                return false;
            }
        } else if (FeedbackSubmission.PAIRWISE.equals(type)
                || (FeedbackSubmission.CORRECTIVE.equals(type) && corrected != null && !corrected.equals(model))) {
            String winner = FeedbackSubmission.PAIRWISE.equals(type) ? event.getString(EventFields.WINNER) : corrected;
            String loser = FeedbackSubmission.PAIRWISE.equals(type) ? event.getString(EventFields.LOSER) : model;
            if (winner == null || loser == null) {
                return false;
            }
            for (String scope : eloScopes(decision)) {
                game(table(scope), winner, loser, kFactor(scope));
            }
            for (Map<String, Stats> scope : scopes(decision, user, session)) {
                count(scope, winner, 1, 1);
                count(scope, loser, 0, 1);
            }
        } else {
            Double reward = reward(event);
            if (reward == null || model == null) {
                return false;
            }
            for (String scope : eloScopes(decision)) {
                Stats stats = stats(table(scope), model);
                stats.rating += 0.1 * kFactor(scope) * (2 * reward - 1);
                stats.comparisons++;
            }
            for (Map<String, Stats> scope : scopes(decision, user, session)) {
                count(scope, model, reward, 1);
            }
        }
        if (served.isPresent()) {
            remember(served.get(), event);
        } else {
            feedbackAwaitingDecision.computeIfAbsent(event.getString(EventFields.REQUEST_ID), id -> new ArrayList<>())
                    .add(event);
        }
        return true;
    }

    /** The reward of the served model in single-model feedback, in [0, 1]; null when it carries none. */
    public static Double reward(JsonObject event) {
        return switch (event.getString(EventFields.FEEDBACK_TYPE, "")) {
            case FeedbackSubmission.THUMBS_UP -> 1.0;
            case FeedbackSubmission.THUMBS_DOWN -> 0.0;
            case FeedbackSubmission.RATING -> event.getDouble(EventFields.SCORE);
            case FeedbackSubmission.CORRECTIVE -> event.getString(EventFields.MODEL, "")
                    .equals(event.getString(EventFields.CORRECTED_MODEL)) ? 1.0 : 0.0;
            case FeedbackSubmission.VERDICT -> switch (event.getString(EventFields.VERDICT, "")) {
                case FeedbackSubmission.GOOD_FIT, FeedbackSubmission.OVERPROVISIONED -> 1.0;
                case FeedbackSubmission.UNDERPOWERED, FeedbackSubmission.FAILED -> 0.0;
                default -> null;
            };
            default -> null;
        };
    }

    /**
     * Turns feedback on an embedded decision into an exemplar, and teaches it to every learner; domain feedback
     * into an example of its domain instead.
     */
    private void remember(DecisionIndex.Entry decision, JsonObject feedback) {
        if (decision.vector() == null) {
            return;
        }
        if (FeedbackSubmission.DOMAIN.equals(feedback.getString(EventFields.FEEDBACK_TYPE))) {
            domains.add(decision.embeddingModel(), feedback.getString(EventFields.DOMAIN), decision.vector());
            return;
        }
        Map<String, Double> strength = EventJson.numbers(feedback.getJsonObject(EventFields.CANDIDATE_STRENGTH));
        FeedbackLabels.Facts facts = new FeedbackLabels.Facts(feedback.getString(EventFields.FEEDBACK_TYPE, ""),
                feedback.getString(EventFields.VERDICT, ""), feedback.getDouble(EventFields.SCORE),
                feedback.getString(EventFields.WINNER), feedback.getString(EventFields.LOSER),
                feedback.getString(EventFields.CORRECTED_MODEL), decision.model(), decision.candidates(), strength);
        LearnedState.Exemplar exemplar = new LearnedState.Exemplar(++exemplarSequence, decision.embeddingModel(),
                decision.vector(), decision.decision(), decision.model(),
                feedback.getString(EventFields.USER_ID, decision.userId()), decision.prior(), strength,
                FeedbackLabels.choices(facts), FeedbackLabels.sufficiency(facts));
        memory.add(exemplar);
        List<LearnedState.Exemplar> view = memory.view();
        learners.values().forEach(learner -> learner.learn(exemplar, view));
    }

    /** Swaps in a learner (its algorithm's settings changed) and teaches it the remembered exemplars, in order. */
    public void replaceLearner(String type, Learner learner) {
        List<LearnedState.Exemplar> view = memory.view();
        for (int i = 0; i < view.size(); i++) {
            learner.learn(view.get(i), view.subList(0, i + 1));
        }
        learners.put(type, learner);
        version++;
    }

    private void game(Map<String, Stats> table, String winner, String loser, double k) {
        Stats w = stats(table, winner);
        Stats l = stats(table, loser);
        double expected = 1 / (1 + Math.pow(10, (l.rating - w.rating) / 400));
        w.rating += k * (1 - expected);
        l.rating -= k * (1 - expected);
        w.comparisons++;
        l.comparisons++;
    }

    private static void count(Map<String, Stats> scope, String model, double reward, double weight) {
        Stats stats = stats(scope, model);
        stats.successes += weight * reward;
        stats.failures += weight * (1 - reward);
    }

    private static Stats stats(Map<String, Stats> scope, String model) {
        return scope.computeIfAbsent(model, m -> new Stats());
    }

    private Map<String, Stats> table(String scope) {
        return tables.computeIfAbsent(scope, s -> new HashMap<>());
    }

    private double kFactor(String scope) {
        return LearnedState.GLOBAL.equals(scope) ? EloSettings.DEFAULT_K : kFactorOfDecision.applyAsDouble(scope);
    }

    private static List<String> eloScopes(String decision) {
        return decision == null ? List.of(LearnedState.GLOBAL) : List.of(LearnedState.GLOBAL, decision);
    }

    private List<Map<String, Stats>> scopes(String decision, String user, String session) {
        List<Map<String, Stats>> scopes = new ArrayList<>();
        eloScopes(decision).forEach(scope -> scopes.add(table(scope)));
        if (user != null) {
            scopes.add(personal.computeIfAbsent(LearnedState.USER_SCOPE + user, s -> new HashMap<>()));
        }
        if (session != null) {
            scopes.add(personal.computeIfAbsent(LearnedState.SESSION_SCOPE + session, s -> new HashMap<>()));
        }
        return scopes;
    }

    private boolean firstTime(String eventId) {
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
        tables.forEach((scope, models) -> byScope.put(scope, frozen(models)));
        personal.forEach((scope, models) -> byScope.put(scope, frozen(models)));
        Map<String, Object> models = new LinkedHashMap<>();
        learners.forEach((type, learner) -> models.put(type, learner.model()));
        if (domains.size() > 0) {
            models.put(LearnedDomains.KEY, domains.snapshot());
        }
        return new LearnedState(version, byScope, memory.copy(), models, memory.clusters());
    }

    private static Map<String, LearnedState.ModelStats> frozen(Map<String, Stats> models) {
        Map<String, LearnedState.ModelStats> frozen = new HashMap<>();
        models.forEach((model, stats) -> frozen.put(model, stats.frozen()));
        return Map.copyOf(frozen);
    }

    /** The counters (not the exemplars) as JSON, for the learned-state snapshot. */
    public JsonObject countersJson() {
        JsonObject json = new JsonObject();
        tables.forEach((scope, models) -> json.put(scope, countersJson(models)));
        personal.forEach((scope, models) -> json.put(scope, countersJson(models)));
        return json;
    }

    private static JsonObject countersJson(Map<String, Stats> models) {
        JsonObject perModel = new JsonObject();
        models.forEach((model, s) -> perModel.put(model, new JsonObject().put(Counter.RATING, s.rating)
                .put(Counter.SUCCESSES, s.successes).put(Counter.FAILURES, s.failures)
                .put(Counter.COMPARISONS, s.comparisons)));
        return perModel;
    }

    /** The exemplars, oldest first, as JSON. */
    public List<JsonObject> exemplarsJson() {
        List<JsonObject> out = new ArrayList<>(memory.size());
        memory.view().forEach(e -> out.add(ExemplarJson.write(e)));
        return out;
    }

    /** The prompts domain feedback labelled, for the learned-state snapshot. */
    public JsonObject domainsJson() {
        return domains.save();
    }

    /** Each learner's state, by algorithm type. */
    public JsonObject learnersJson() {
        JsonObject json = new JsonObject();
        learners.forEach((type, learner) -> json.put(type, learner.save()));
        return json;
    }

    /** Replaces everything with a snapshot's content, without domain examples. */
    public void restore(long snapshotVersion, JsonObject counters, List<JsonObject> savedExemplars,
            JsonObject savedLearners) {
        restore(snapshotVersion, counters, savedExemplars, savedLearners, null);
    }

    /** Replaces everything with a snapshot's content (on start-up, before the tail of the topics is applied). */
    public void restore(long snapshotVersion, JsonObject counters, List<JsonObject> savedExemplars,
            JsonObject savedLearners, JsonObject savedDomains) {
        domains.restore(savedDomains);
        tables.clear();
        personal.clear();
        memory.clear();
        counters.forEach(scope -> ((JsonObject) scope.getValue()).forEach(model -> {
            JsonObject s = (JsonObject) model.getValue();
            Map<String, Stats> table = scope.getKey().startsWith(LearnedState.USER_SCOPE)
                    || scope.getKey().startsWith(LearnedState.SESSION_SCOPE)
                    ? personal.computeIfAbsent(scope.getKey(), k -> new HashMap<>()) : table(scope.getKey());
            Stats stats = stats(table, model.getKey());
            stats.rating = s.getDouble(Counter.RATING, EloSettings.START_RATING);
            stats.successes = s.getDouble(Counter.SUCCESSES, 0.0);
            stats.failures = s.getDouble(Counter.FAILURES, 0.0);
            stats.comparisons = s.getLong(Counter.COMPARISONS, 0L);
        }));
        List<LearnedState.Exemplar> restored = new ArrayList<>(savedExemplars.size());
        for (JsonObject e : savedExemplars) {
            LearnedState.Exemplar exemplar = ExemplarJson.read(e);
            restored.add(exemplar);
            exemplarSequence = Math.max(exemplarSequence, exemplar.sequence());
        }
        memory.restore(restored);
        for (Map.Entry<String, Learner> learner : List.copyOf(learners.entrySet())) {
            JsonObject saved = savedLearners == null ? null : savedLearners.getJsonObject(learner.getKey());
            if (saved != null) {
                learner.getValue().restore(saved);
            } else {
                // An algorithm the snapshot does not know (installed since): it learns the remembered exemplars.
                replaceLearner(learner.getKey(), learner.getValue());
            }
        }
        version = snapshotVersion;
    }

    /** Field names of the counters in the snapshot. */
    private static final class Counter {
        static final String RATING = "rating";
        static final String SUCCESSES = "successes";
        static final String FAILURES = "failures";
        static final String COMPARISONS = "comparisons";
    }

    private static <K, V> Map<K, V> lru(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }
}
