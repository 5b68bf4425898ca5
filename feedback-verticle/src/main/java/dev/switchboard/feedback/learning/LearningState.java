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
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * de-duplicated by {@code event_id}. Not thread-safe: one owner, the fold or a replica.
 */
public final class LearningState {

    static final int REMEMBERED_EVENT_IDS = 200_000;
    /**
     * The newest event ids kept in the model's entries too ({@link LearnedModel#SEEN}, in blocks of
     * {@value #SEEN_BLOCK}), so that a fold restored on another instance still knows them: a producer that retried
     * after an outage writes its duplicates within the outage's buffer (10,000 events by default) of the original.
     */
    static final int PERSISTED_EVENT_IDS = 20_000;
    static final int SEEN_BLOCK = 100;
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
    /** The keys of the entries changed since {@link #takeChanged()} last took them. */
    private final Set<String> changed = new LinkedHashSet<>();
    private final Map<String, Map<String, Stats>> personal = lru(MAX_PERSONAL_SCOPES,
            scope -> changed.add(countersKey(scope)));
    private final int maxExemplars;
    private final ExemplarMemory memory;
    private final Map<String, Learner> learners;
    private final DomainMemory domains = new DomainMemory(changed::add);
    private final Map<String, List<JsonObject>> feedbackAwaitingDecision = lru(PENDING_FEEDBACK);
    private final LinkedHashSet<String> seenEventIds = new LinkedHashSet<>();
    /** Event ids recorded so far, and the ids of the newest block, as its entry holds them. */
    private long seenCount;
    private final StringBuilder seenBlock = new StringBuilder();
    private static final char SEEN_SEPARATOR = ' ';
    private long version;
    private long exemplarSequence;
    /** The newest exemplar the learners had learned when they were last saved. */
    private long learnersThrough;

    /**
     * @param decisions         where decisions are indexed and looked up
     * @param maxExemplars      exemplars kept (newest)
     * @param implicitWeight    weight of an outcome against explicit feedback's 1
     * @param kFactorOfDecision Elo K of a decision (the global table uses {@link EloSettings#DEFAULT_K})
     * @param learners          the algorithms' learners, by algorithm type
     */
    public LearningState(DecisionIndex decisions, int maxExemplars, double implicitWeight,
            ToDoubleFunction<String> kFactorOfDecision, Map<String, Learner> learners) {
        this(decisions, maxExemplars, implicitWeight, kFactorOfDecision, learners, true);
    }

    /** @param clustered whether the exemplars are clustered for the routers' search (not in the fold: no router reads it) */
    public LearningState(DecisionIndex decisions, int maxExemplars, double implicitWeight,
            ToDoubleFunction<String> kFactorOfDecision, Map<String, Learner> learners, boolean clustered) {
        this.decisions = decisions;
        this.maxExemplars = maxExemplars;
        this.memory = new ExemplarMemory(maxExemplars, clustered);
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
            changed.add(LearnedModel.META_KEY);
        }
        return applied;
    }

    private boolean applyDecision(JsonObject event) {
        String requestId = event.getString(EventFields.REQUEST_ID);
        DecisionIndex.Entry entry = decisionOf(event);
        decisions.put(requestId, entry);
        List<JsonObject> waiting = feedbackAwaitingDecision.remove(requestId);
        if (waiting != null) {
            waiting.forEach(feedback -> remember(entry, feedback));
        }
        return true;
    }

    /** What feedback is checked against and joined to, from a decision event. */
    public static DecisionIndex.Entry decisionOf(JsonObject event) {
        JsonObject embedding = event.getJsonObject(EventFields.EMBEDDING);
        List<String> candidates = new ArrayList<>();
        event.getJsonArray(EventFields.CANDIDATES, new JsonArray()).forEach(c -> candidates.add(((JsonObject) c)
                .getString(EventFields.MODEL)));
        return new DecisionIndex.Entry(DecisionIndex.servedModel(
                event.getString(EventFields.SELECTED_MODEL), event.getString(EventFields.REASON_CODE)),
                event.getString(EventFields.DECISION), candidates, event.getString(EventFields.USER_ID),
                event.getString(EventFields.SESSION_ID),
                embedding == null ? null : embedding.getString(EventFields.MODEL),
                embedding == null ? null : EventJson.decode(embedding.getString(EventFields.VECTOR)),
                EventJson.numbers(event.getJsonObject(EventFields.PRIOR)));
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
        List<LearnedState.Exemplar> view = memory.view();
        if (view.size() == maxExemplars && maxExemplars > 0) {
            changed.add(exemplarKey(view.get(0).sequence())); // forgotten by the add
        }
        memory.add(exemplar);
        changed.add(exemplarKey(exemplar.sequence()));
        learners.values().forEach(learner -> learner.learn(exemplar, view));
    }

    /** Swaps in a learner (its algorithm's settings changed) and teaches it the remembered exemplars, in order. */
    public void replaceLearner(String type, Learner learner) {
        teach(learner);
        learners.put(type, learner);
        version++;
        changed.add(LearnedModel.META_KEY);
        changed.add(learnerKey(type));
    }

    private void teach(Learner learner) {
        List<LearnedState.Exemplar> view = memory.view();
        for (int i = 0; i < view.size(); i++) {
            learner.learn(view.get(i), view.subList(0, i + 1));
        }
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

    /** A scope's table, to be changed: its entry is marked so. */
    private Map<String, Stats> table(String scope) {
        changed.add(countersKey(scope));
        return tables.computeIfAbsent(scope, s -> new HashMap<>());
    }

    private Map<String, Stats> personalTable(String scope) {
        changed.add(countersKey(scope));
        return personal.computeIfAbsent(scope, s -> new HashMap<>());
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
            scopes.add(personalTable(LearnedState.USER_SCOPE + user));
        }
        if (session != null) {
            scopes.add(personalTable(LearnedState.SESSION_SCOPE + session));
        }
        return scopes;
    }

    private boolean firstTime(String eventId) {
        if (!seenEventIds.add(eventId)) {
            return false;
        }
        if (seenCount % SEEN_BLOCK == 0) {
            seenBlock.setLength(0);
            long forgotten = seenCount / SEEN_BLOCK - PERSISTED_EVENT_IDS / SEEN_BLOCK;
            if (forgotten >= 0) {
                changed.add(seenKey(forgotten));
            }
        } else {
            seenBlock.append(SEEN_SEPARATOR);
        }
        seenBlock.append(eventId);
        changed.add(seenKey(seenCount / SEEN_BLOCK));
        seenCount++;
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

    /** The keys of the entries ({@link LearnedModel}) changed since the last call, in the order first changed. */
    public List<String> takeChanged() {
        List<String> keys = List.copyOf(changed);
        changed.clear();
        return keys;
    }

    /** Every entry's key: the meta, the counters, the exemplars oldest first, the domain prompts, the learners. */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        keys.add(LearnedModel.META_KEY);
        tables.keySet().forEach(scope -> keys.add(countersKey(scope)));
        personal.keySet().forEach(scope -> keys.add(countersKey(scope)));
        memory.view().forEach(e -> keys.add(exemplarKey(e.sequence())));
        keys.addAll(domains.keys());
        learners.keySet().forEach(type -> keys.add(learnerKey(type)));
        return keys;
    }

    /**
     * Saves the learners: returns their entries' keys and records in the meta entry that they have learned every
     * exemplar so far. Learners are saved at a publication rather than at every event (a fitted head is far larger
     * than the event that moves it); a restore teaches them the exemplars after {@code learners_through} again.
     */
    public List<String> saveLearners() {
        if (learnersThrough == exemplarSequence) {
            return List.of(); // nothing learned since
        }
        learnersThrough = exemplarSequence;
        changed.add(LearnedModel.META_KEY);
        return learners.keySet().stream().map(LearningState::learnerKey).toList();
    }

    /** An entry's value now, encoded; null when there is none (a tombstone: it was forgotten). */
    public String entry(String key) {
        JsonArray parts = LearnedModel.parse(key).orElse(null);
        if (parts == null) {
            return null;
        }
        if (LearnedModel.SEEN.equals(parts.getString(0))) {
            // Only the newest block changes; an older one's key is here to be removed.
            return parts.getLong(1) == (seenCount - 1) / SEEN_BLOCK && seenCount > 0 ? seenBlock.toString() : null;
        }
        JsonObject value = switch (parts.getString(0)) {
            case LearnedModel.COUNTERS -> {
                Map<String, Stats> models = tables.containsKey(parts.getString(1)) ? tables.get(parts.getString(1))
                        : personal.get(parts.getString(1));
                yield models == null ? null : countersJson(models);
            }
            case LearnedModel.EXEMPLAR -> {
                int at = indexOf(parts.getLong(1));
                yield at < 0 ? null : ExemplarJson.write(memory.view().get(at));
            }
            case LearnedModel.DOMAIN -> domains.entry(parts.getString(1), parts.getString(2), parts.getInteger(3));
            case LearnedModel.LEARNER -> {
                Learner learner = learners.get(parts.getString(1));
                yield learner == null ? null : learner.save();
            }
            case LearnedModel.SEEN -> null; // not JSON: see seenEntry
            case LearnedModel.META -> new JsonObject().put(Meta.VERSION, version)
                    .put(Meta.EXEMPLAR_SEQUENCE, exemplarSequence).put(Meta.LEARNERS_THROUGH, learnersThrough);
            default -> null;
        };
        return value == null ? null : value.encode();
    }

    /**
     * Replaces everything with the entries of a saved model (the learning topology's store, on start-up or when its
     * task moves here), then teaches the learners the exemplars they had not learned when they were saved. Keys that
     * are not ours are skipped; exemplars beyond {@code maxExemplars} (a smaller setting since) are forgotten, and
     * their keys are among the next {@link #takeChanged()}.
     */
    public void restore(Iterable<Map.Entry<String, String>> entries) {
        tables.clear();
        personal.clear();
        memory.clear();
        domains.clear();
        version = 0;
        exemplarSequence = 0;
        learnersThrough = 0;
        List<LearnedState.Exemplar> exemplars = new ArrayList<>();
        Map<String, JsonObject> savedLearners = new HashMap<>();
        seenEventIds.clear();
        seenCount = 0;
        seenBlock.setLength(0);
        java.util.TreeMap<Long, String> seen = new java.util.TreeMap<>();
        for (Map.Entry<String, String> entry : entries) {
            JsonArray parts = LearnedModel.parse(entry.getKey()).orElse(null);
            if (parts == null || entry.getValue() == null) {
                continue;
            }
            if (LearnedModel.SEEN.equals(parts.getString(0))) {
                seen.put(parts.getLong(1), entry.getValue());
                continue;
            }
            JsonObject value = new JsonObject(entry.getValue());
            switch (parts.getString(0)) {
                case LearnedModel.EXEMPLAR -> exemplars.add(ExemplarJson.read(value));
                case LearnedModel.LEARNER -> savedLearners.put(parts.getString(1), value);
                default -> put(parts, value);
            }
        }
        seen.forEach((block, ids) -> {
            String[] inBlock = ids.split(String.valueOf(SEEN_SEPARATOR));
            seenEventIds.addAll(List.of(inBlock));
            seenCount = block * SEEN_BLOCK + inBlock.length;
            seenBlock.setLength(0);
            seenBlock.append(ids);
        });
        exemplars.sort(Comparator.comparingLong(LearnedState.Exemplar::sequence));
        int dropped = Math.max(0, exemplars.size() - maxExemplars);
        exemplars.subList(0, dropped).forEach(e -> changed.add(exemplarKey(e.sequence())));
        memory.restore(exemplars.subList(dropped, exemplars.size()));
        exemplars.forEach(e -> exemplarSequence = Math.max(exemplarSequence, e.sequence()));
        List<String> forgotten = List.copyOf(changed);
        for (Map.Entry<String, Learner> learner : List.copyOf(learners.entrySet())) {
            JsonObject saved = savedLearners.get(learner.getKey());
            if (saved == null) {
                // An algorithm the model does not know (installed since): it learns the remembered exemplars.
                teach(learner.getValue());
                continue;
            }
            learner.getValue().restore(saved);
            List<LearnedState.Exemplar> view = memory.view();
            for (int i = 0; i < view.size(); i++) {
                if (view.get(i).sequence() > learnersThrough) {
                    learner.getValue().learn(view.get(i), view.subList(0, i + 1));
                }
            }
        }
        changed.clear();
        changed.addAll(forgotten);
    }

    /**
     * Follows the published model one entry at a time (an instance's replica of it): the same entries in the same
     * order give every instance the same state. An entry that is not ours is skipped.
     */
    public void follow(String key, String value) {
        JsonArray parts = LearnedModel.parse(key).orElse(null);
        if (parts == null || LearnedModel.SEEN.equals(parts.getString(0))) {
            return; // not ours, or the fold's own
        }
        JsonObject json = value == null ? null : new JsonObject(value);
        switch (parts.getString(0)) {
            case LearnedModel.EXEMPLAR -> followExemplar(parts.getLong(1), json);
            case LearnedModel.LEARNER -> {
                Learner learner = learners.get(parts.getString(1));
                if (learner != null && json != null) {
                    learner.restore(json);
                }
            }
            default -> put(parts, json);
        }
        changed.clear(); // a replica publishes nothing of its own
    }

    /** Sets a counters, domain or meta entry from its value (null: removes it). */
    private void put(JsonArray parts, JsonObject value) {
        switch (parts.getString(0)) {
            case LearnedModel.COUNTERS -> {
                String scope = parts.getString(1);
                boolean isPersonal = scope.startsWith(LearnedState.USER_SCOPE)
                        || scope.startsWith(LearnedState.SESSION_SCOPE);
                if (value == null) {
                    (isPersonal ? personal : tables).remove(scope);
                    return;
                }
                Map<String, Stats> table = new HashMap<>();
                value.forEach(model -> {
                    JsonObject saved = (JsonObject) model.getValue();
                    Stats stats = stats(table, model.getKey());
                    stats.rating = saved.getDouble(Counter.RATING, EloSettings.START_RATING);
                    stats.successes = saved.getDouble(Counter.SUCCESSES, 0.0);
                    stats.failures = saved.getDouble(Counter.FAILURES, 0.0);
                    stats.comparisons = saved.getLong(Counter.COMPARISONS, 0L);
                });
                (isPersonal ? personal : tables).put(scope, table);
            }
            case LearnedModel.DOMAIN -> domains.put(parts.getString(1), parts.getString(2), parts.getInteger(3), value);
            case LearnedModel.META -> {
                if (value != null) {
                    version = value.getLong(Meta.VERSION, 0L);
                    exemplarSequence = value.getLong(Meta.EXEMPLAR_SEQUENCE, 0L);
                    learnersThrough = value.getLong(Meta.LEARNERS_THROUGH, 0L);
                }
            }
            default -> {
                // a kind of a newer version: skipped
            }
        }
    }

    /** A replica's exemplar: appended when it is the newest (the usual case), else merged in order. */
    private void followExemplar(long sequence, JsonObject value) {
        List<LearnedState.Exemplar> view = memory.view();
        int at = indexOf(sequence);
        if (value == null) {
            if (at == 0 && view.size() == maxExemplars) {
                // The fold forgot its oldest to make room for the exemplar that follows: the ring here forgets it
                // on that add too, without re-clustering the memory as a removal would.
                return;
            }
            if (at >= 0) {
                List<LearnedState.Exemplar> kept = new ArrayList<>(view);
                kept.remove(at);
                memory.restore(kept);
            }
            return;
        }
        if (at >= 0) {
            return; // sent again (the fold's task restarted): the same exemplar
        }
        LearnedState.Exemplar exemplar = ExemplarJson.read(value);
        if (view.isEmpty() || sequence > view.get(view.size() - 1).sequence()) {
            memory.add(exemplar);
        } else if (view.size() < maxExemplars || sequence > view.get(0).sequence()) {
            List<LearnedState.Exemplar> merged = new ArrayList<>(view);
            merged.add(exemplar);
            merged.sort(Comparator.comparingLong(LearnedState.Exemplar::sequence));
            memory.restore(merged.subList(Math.max(0, merged.size() - maxExemplars), merged.size()));
        }
    }

    /** The position of an exemplar in the memory (oldest first, by sequence); -1 when it is not there. */
    private int indexOf(long sequence) {
        List<LearnedState.Exemplar> view = memory.view();
        int low = 0;
        int high = view.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long at = view.get(mid).sequence();
            if (at == sequence) {
                return mid;
            }
            if (at < sequence) {
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return -1;
    }

    private static JsonObject countersJson(Map<String, Stats> models) {
        JsonObject perModel = new JsonObject();
        models.forEach((model, s) -> perModel.put(model, new JsonObject().put(Counter.RATING, s.rating)
                .put(Counter.SUCCESSES, s.successes).put(Counter.FAILURES, s.failures)
                .put(Counter.COMPARISONS, s.comparisons)));
        return perModel;
    }

    static String countersKey(String scope) {
        return LearnedModel.key(LearnedModel.COUNTERS, scope);
    }

    static String exemplarKey(long sequence) {
        return LearnedModel.key(LearnedModel.EXEMPLAR, sequence);
    }

    static String seenKey(long block) {
        return LearnedModel.key(LearnedModel.SEEN, block);
    }

    static String learnerKey(String type) {
        return LearnedModel.key(LearnedModel.LEARNER, type);
    }

    /** Field names of the meta entry. */
    private static final class Meta {
        static final String VERSION = "version";
        static final String EXEMPLAR_SEQUENCE = "exemplar_sequence";
        static final String LEARNERS_THROUGH = "learners_through";
    }

    /** Field names of a counters entry. */
    private static final class Counter {
        static final String RATING = "rating";
        static final String SUCCESSES = "successes";
        static final String FAILURES = "failures";
        static final String COMPARISONS = "comparisons";
    }

    private static <K, V> Map<K, V> lru(int capacity) {
        return lru(capacity, forgotten -> { });
    }

    private static <K, V> Map<K, V> lru(int capacity, java.util.function.Consumer<K> forget) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                if (size() <= capacity) {
                    return false;
                }
                forget.accept(eldest.getKey());
                return true;
            }
        };
    }
}
