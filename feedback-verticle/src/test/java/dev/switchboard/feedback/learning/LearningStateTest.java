package dev.switchboard.feedback.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.contracts.bus.LearnedDomains;
import dev.switchboard.contracts.bus.LearnedState;
import dev.switchboard.feedback.events.EventJson;
import dev.switchboard.selection.elo.EloSettings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The learning rules, one event at a time, without Kafka. */
class LearningStateTest {

    private final LearningState state = new LearningState(new DecisionIndex(100), 10, 0.3,
            decision -> "strict".equals(decision) ? 64 : EloSettings.DEFAULT_K, Map.of());

    static JsonObject decision(String requestId, String model, String decision, float... vector) {
        JsonObject json = new JsonObject().put("type", "decision").put("event_id", UUID.randomUUID().toString())
                .put("request_id", requestId).put("selected_model", model).put("decision", decision)
                .put("candidates", new JsonArray().add(new JsonObject().put("model", "a"))
                        .add(new JsonObject().put("model", "b")));
        if (vector.length > 0) {
            json.put("embedding", new JsonObject().put("model", "m").put("dimension", vector.length)
                    .put("vector_f32le_base64", EventJson.encode(vector)));
        }
        return json;
    }

    static JsonObject feedback(String requestId, String type, String model, String decision) {
        return new JsonObject().put("type", "feedback").put("event_id", UUID.randomUUID().toString())
                .put("request_id", requestId).put("feedback_type", type).put("model", model).put("decision", decision);
    }

    private double rating(String scope, String model) {
        return state.snapshot().stats(scope, model).orElseThrow().rating();
    }

    @Test
    void pairwiseFeedbackShouldBeAnEloGameInTheGlobalAndTheDecisionTable() {
        state.apply(feedback("r1", "pairwise", "a", "strict").put("winner", "a").put("loser", "b"));

        assertThat(rating(LearnedState.GLOBAL, "a")).isCloseTo(1516, within(1e-9));
        assertThat(rating(LearnedState.GLOBAL, "b")).isCloseTo(1484, within(1e-9));
        assertThat(rating("strict", "a")).as("the decision's own K").isCloseTo(1532, within(1e-9));
        assertThat(state.snapshot().stats(LearnedState.GLOBAL, "a").orElseThrow().comparisons()).isEqualTo(1);
        assertThat(state.snapshot().stats(LearnedState.GLOBAL, "b").orElseThrow().failures()).isEqualTo(1);
    }

    @Test
    void singleModelFeedbackShouldMoveTheRatingByATenthOfK() {
        state.apply(feedback("r1", "thumbs_up", "a", null));
        state.apply(feedback("r2", "thumbs_down", "b", null));
        state.apply(feedback("r3", "rating", "b", null).put("score", 0.75));

        assertThat(rating(LearnedState.GLOBAL, "a")).isCloseTo(1503.2, within(1e-9));
        assertThat(rating(LearnedState.GLOBAL, "b")).isCloseTo(1500 - 3.2 + 1.6, within(1e-9));
        LearnedState.ModelStats b = state.snapshot().stats(LearnedState.GLOBAL, "b").orElseThrow();
        assertThat(b.successes()).isCloseTo(0.75, within(1e-9));
        assertThat(b.failures()).isCloseTo(1.25, within(1e-9));
    }

    @Test
    void outcomesShouldCountWithTheImplicitWeightInEveryScopeOfTheRequest() {
        state.apply(decision("r1", "a", "d").put("user_id", "u1").put("session_id", "s1"));
        state.apply(new JsonObject().put("type", "outcome").put("event_id", "e2").put("request_id", "r1")
                .put("model", "a").put("decision", "d").put("status", 200).put("success", true));
        state.apply(new JsonObject().put("type", "outcome").put("event_id", "e3").put("request_id", "r1")
                .put("model", "a").put("decision", "d").put("status", 429).put("success", false));

        for (String scope : List.of(LearnedState.GLOBAL, "d", "user:u1", "session:s1")) {
            LearnedState.ModelStats a = state.snapshot().stats(scope, "a").orElseThrow();
            assertThat(a.successes()).as(scope).isCloseTo(0.3, within(1e-9));
            assertThat(a.failures()).as(scope).isCloseTo(0.3, within(1e-9));
            assertThat(a.rating()).as("outcomes do not touch Elo").isEqualTo(1500);
        }
    }

    @Test
    void anUnreachableBackendShouldNotCountAsTheModelsFailure() {
        state.apply(decision("r1", "a", "d"));
        state.apply(new JsonObject().put("type", "outcome").put("event_id", "e2").put("request_id", "r1")
                .put("model", "a").put("decision", "d").put("status", 502).put("success", false)
                .put("backend_answered", false));
        state.apply(new JsonObject().put("type", "outcome").put("event_id", "e3").put("request_id", "r1")
                .put("model", "a").put("decision", "d").put("status", 502).put("success", false)
                .put("backend_answered", true));

        LearnedState.ModelStats a = state.snapshot().stats(LearnedState.GLOBAL, "a").orElseThrow();
        assertThat(a.failures()).as("only the backend's own 502").isCloseTo(0.3, within(1e-9));
    }

    @Test
    void feedbackShouldBecomeAnExemplarOnceItsDecisionIsKnown() {
        state.apply(feedback("r1", "verdict", "a", "d").put("verdict", "underpowered"));
        assertThat(state.snapshot().exemplars()).isEmpty();

        state.apply(decision("r1", "a", "d", 0.6f, 0.8f));

        assertThat(state.snapshot().exemplars()).singleElement().satisfies(e -> {
            assertThat(e.servedModel()).isEqualTo("a");
            assertThat(e.reward()).isZero();
            assertThat(e.vector()).containsExactly(0.6f, 0.8f);
            assertThat(e.embeddingModel()).isEqualTo("m");
        });
    }

    @Test
    void aRepeatedEventShouldBeAppliedOnce() {
        JsonObject thumbs = feedback("r1", "thumbs_up", "a", null);

        assertThat(state.apply(thumbs)).isTrue();
        assertThat(state.apply(thumbs.copy())).isFalse();
        assertThat(rating(LearnedState.GLOBAL, "a")).isCloseTo(1503.2, within(1e-9));
    }

    @Test
    void aSnapshotShouldRestoreTheSameState() {
        state.apply(decision("r1", "a", "d", 1f, 0f));
        state.apply(feedback("r1", "thumbs_up", "a", "d"));
        state.apply(feedback("r2", "pairwise", "b", "d").put("winner", "b").put("loser", "a"));
        LearningState restored = new LearningState(new DecisionIndex(100), 10, 0.3, d -> EloSettings.DEFAULT_K,
                Map.of());

        restored.restore(entries(state));

        assertThat(restored.snapshot().byScope()).isEqualTo(state.snapshot().byScope());
        assertThat(restored.snapshot().exemplars()).hasSize(1);
        assertThat(restored.version()).isEqualTo(state.version());
    }

    /** The state's model as its entries, as the fold's store holds them. */
    private static List<Map.Entry<String, String>> entries(LearningState state) {
        return state.keys().stream().map(key -> Map.entry(key, state.entry(key))).toList();
    }

    @Test
    void aReplicaFollowingTheChangedEntriesShouldRouteOnTheSameState() {
        LearningState small = new LearningState(new DecisionIndex(100), 3, 0.3, d -> EloSettings.DEFAULT_K,
                Map.of());
        LearningState replica = new LearningState(new DecisionIndex(1), 3, 0.3, d -> EloSettings.DEFAULT_K,
                Map.of());
        List<JsonObject> events = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            events.add(decision("r" + i, i % 2 == 0 ? "a" : "b", "d", 1f, (float) i).put("user_id", "u" + (i % 2)));
            events.add(feedback("r" + i, i % 3 == 0 ? "thumbs_down" : "thumbs_up", i % 2 == 0 ? "a" : "b", "d"));
            events.add(feedback("r" + i, "domain", "a", "d").put("domain", "law"));
        }
        events.add(feedback("r1", "pairwise", "b", "d").put("winner", "b").put("loser", "a"));
        for (JsonObject event : events) {
            small.apply(event);
            small.takeChanged().forEach(key -> replica.follow(key, small.entry(key)));
        }

        LearnedState followed = replica.snapshot();
        LearnedState original = small.snapshot();
        assertThat(followed.byScope()).isEqualTo(original.byScope());
        assertThat(followed.exemplars()).as("the newest three, the older ones' tombstones followed")
                .extracting(LearnedState.Exemplar::sequence).containsExactly(5L, 6L, 7L);
        assertThat(followed.exemplars()).extracting(LearnedState.Exemplar::sequence)
                .isEqualTo(original.exemplars().stream().map(LearnedState.Exemplar::sequence).toList());
        assertThat(learnedDomain(replica, "law")).hasSameSizeAs(learnedDomain(small, "law"));
        assertThat(replica.version()).isEqualTo(small.version());
    }

    @Test
    void aRestoredStateShouldStillRecogniseTheDuplicatesOfRecentEvents() {
        java.util.Map<String, String> store = new java.util.TreeMap<>();
        List<JsonObject> events = new java.util.ArrayList<>();
        for (int i = 0; i < 250; i++) {
            events.add(feedback("r" + i, "thumbs_up", "a", null));
        }
        for (JsonObject event : events) {
            state.apply(event);
            // As the fold writes its store: every changed entry, the fold-only ones (event ids) included.
            state.takeChanged().forEach(key -> {
                String value = state.entry(key);
                if (value == null) {
                    store.remove(key);
                } else {
                    store.put(key, value);
                }
            });
        }
        LearningState restored = new LearningState(new DecisionIndex(100), 10, 0.3, d -> EloSettings.DEFAULT_K,
                Map.of(), false);

        restored.restore(store.entrySet());

        assertThat(restored.apply(events.get(0).copy())).as("the first event, a duplicate").isFalse();
        assertThat(restored.apply(events.get(249).copy())).as("the last").isFalse();
        assertThat(restored.apply(feedback("r9", "thumbs_up", "a", null))).as("a new event").isTrue();
        assertThat(restored.version()).isEqualTo(251);
        assertThat(state.keys()).as("event ids are the fold's own, never published")
                .noneMatch(key -> key.startsWith("[\"seen\""));
    }

    @Test
    void aRestoreOnFewerExemplarsShouldForgetTheOldestAndSaySo() {
        for (int i = 0; i < 5; i++) {
            state.apply(decision("r" + i, "a", "d", 1f, (float) i));
            state.apply(feedback("r" + i, "thumbs_up", "a", "d"));
        }
        LearningState smaller = new LearningState(new DecisionIndex(100), 2, 0.3, d -> EloSettings.DEFAULT_K,
                Map.of());

        smaller.restore(entries(state));

        assertThat(smaller.snapshot().exemplars()).extracting(LearnedState.Exemplar::sequence)
                .containsExactly(4L, 5L);
        assertThat(smaller.takeChanged()).as("tombstones for the forgotten three")
                .containsExactly(LearningState.exemplarKey(1), LearningState.exemplarKey(2),
                        LearningState.exemplarKey(3));
    }

    private static List<float[]> learnedDomain(LearningState state, String domain) {
        return state.snapshot().model(LearnedDomains.KEY, LearnedDomains.class).orElseThrow().of("m")
                .getOrDefault(domain, List.of());
    }

    @Test
    void domainFeedbackShouldTeachThePromptAsAnExampleOfItsDomainAndNoModelAnything() {
        state.apply(feedback("r2", "domain", "a", "d").put("domain", "law"));
        state.apply(decision("r1", "a", "d", 0.6f, 0.8f));
        state.apply(feedback("r1", "domain", "a", "d").put("domain", "law"));
        state.apply(decision("r2", "a", "d", 1f, 0f));

        // The decision index keeps vectors quantised to int8.
        assertThat(learnedDomain(state, "law")).satisfiesExactly(
                v -> assertThat(v).containsExactly(new float[] {0.6f, 0.8f}, within(0.01f)),
                v -> assertThat(v).as("feedback that came before its decision")
                        .containsExactly(new float[] {1f, 0f}, within(0.01f)));
        assertThat(state.snapshot().stats(LearnedState.GLOBAL, "a")).as("no counter moves").isEmpty();
        assertThat(state.snapshot().exemplars()).as("no model exemplar").isEmpty();
    }

    @Test
    void domainExamplesShouldBeBoundedPerDomainAndSurviveASnapshot() {
        for (int i = 0; i < DomainMemory.PER_DOMAIN + 5; i++) {
            state.apply(decision("r" + i, "a", "d", (float) i, 1f));
            state.apply(feedback("r" + i, "domain", "a", "d").put("domain", "math"));
        }
        LearningState restored = new LearningState(new DecisionIndex(100), 10, 0.3, d -> EloSettings.DEFAULT_K,
                Map.of());

        restored.restore(entries(state));

        // The i-th prompt points along (i, 1): the oldest kept is the sixth.
        assertThat(learnedDomain(state, "math")).hasSize(DomainMemory.PER_DOMAIN).first()
                .satisfies(oldest -> assertThat(oldest[0] / oldest[1]).as("the oldest went first")
                        .isCloseTo(5f, within(0.1f)));
        assertThat(learnedDomain(restored, "math")).hasSize(DomainMemory.PER_DOMAIN)
                .first().satisfies(oldest -> assertThat(oldest[0] / oldest[1]).isCloseTo(5f, within(0.1f)));
    }
}
