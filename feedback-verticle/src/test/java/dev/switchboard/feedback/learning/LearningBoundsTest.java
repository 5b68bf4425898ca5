package dev.switchboard.feedback.learning;

import static dev.switchboard.feedback.learning.LearningStateTest.decision;
import static dev.switchboard.feedback.learning.LearningStateTest.feedback;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.bus.LearnedState;
import dev.switchboard.selection.elo.EloSettings;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every table the learning state keeps per user, session, request or event stays at its bound however much traffic
 * goes past it, forgetting the least recently used (or the oldest) first: the soak (docs/reliability.md) reaches
 * none of these bounds in minutes, so each is driven past here.
 */
class LearningBoundsTest {

    private static final int DECISIONS = 1_000;
    private static final int EXEMPLARS = 50;

    private final DecisionIndex decisions = new DecisionIndex(DECISIONS);
    private final LearningState state = new LearningState(decisions, EXEMPLARS, 0.3, d -> EloSettings.DEFAULT_K,
            Map.of());

    @Test
    void shouldKeepTheMostRecentUsersAndSessionsUpToTheirBound() {
        int past = LearningState.MAX_PERSONAL_SCOPES + 500;
        for (int i = 0; i < past; i++) {
            // One request per user and session: a thumbs up reaches the global, user and session scopes.
            state.apply(decision("r" + i, "a", null).put("user_id", "u" + i).put("session_id", "s" + i));
            state.apply(feedback("r" + i, "thumbs_up", "a", null));
        }

        Map<String, Map<String, LearnedState.ModelStats>> scopes = state.snapshot().byScope();

        long personal = scopes.keySet().stream().filter(s -> s.startsWith(LearnedState.USER_SCOPE)
                || s.startsWith(LearnedState.SESSION_SCOPE)).count();
        assertThat(personal).isEqualTo(LearningState.MAX_PERSONAL_SCOPES);
        assertThat(scopes).containsKey(LearnedState.USER_SCOPE + "u" + (past - 1))
                .containsKey(LearnedState.SESSION_SCOPE + "s" + (past - 1))
                .doesNotContainKey(LearnedState.USER_SCOPE + "u0");
        assertThat(scopes.get(LearnedState.GLOBAL).get("a").successes()).as("the global table forgets nothing")
                .isEqualTo(past);
    }

    @Test
    void shouldKeepTheNewestDecisionsUpToTheIndexCapacity() {
        for (int i = 0; i < DECISIONS * 3; i++) {
            state.apply(decision("r" + i, "a", "d"));
        }

        assertThat(decisions.get("r0")).isEmpty();
        assertThat(decisions.get("r" + (DECISIONS * 2 - 1))).isEmpty();
        assertThat(decisions.get("r" + DECISIONS * 2)).isPresent();
        assertThat(decisions.get("r" + (DECISIONS * 3 - 1))).isPresent();
    }

    @Test
    void shouldKeepTheNewestExemplarsUpToTheMemoryCapacity() {
        for (int i = 0; i < EXEMPLARS * 4; i++) {
            state.apply(decision("r" + i, "a", "d", (float) Math.cos(i), (float) Math.sin(i)));
            state.apply(feedback("r" + i, "thumbs_up", "a", "d"));
        }

        var exemplars = state.snapshot().exemplars();

        assertThat(exemplars).hasSize(EXEMPLARS);
        assertThat(exemplars.get(EXEMPLARS - 1).sequence()).isEqualTo(EXEMPLARS * 4);
        assertThat(exemplars.get(0).sequence()).isEqualTo(EXEMPLARS * 3 + 1);
    }

    @Test
    void shouldHoldFeedbackAwaitingItsDecisionUpToItsBound() {
        int past = LearningState.PENDING_FEEDBACK + 100;
        for (int i = 0; i < past; i++) {
            state.apply(feedback("early" + i, "thumbs_up", "a", "d"));
        }
        // The decisions arrive late: the oldest waiting feedback was forgotten, the newest still becomes an exemplar.
        state.apply(decision("early0", "a", "d", 1, 0));
        assertThat(state.snapshot().exemplars()).isEmpty();

        state.apply(decision("early" + (past - 1), "a", "d", 1, 0));

        assertThat(state.snapshot().exemplars()).hasSize(1);
    }

    @Test
    void shouldRememberEventIdsForDeduplicationUpToItsBound() {
        JsonObject first = feedback("r", "thumbs_up", "a", null);
        assertThat(state.apply(first)).isTrue();
        assertThat(state.apply(first.copy())).as("a duplicate within the window").isFalse();

        for (int i = 0; i < LearningState.REMEMBERED_EVENT_IDS; i++) {
            state.apply(new JsonObject().put("type", "feedback").put("event_id", "e" + i).put("request_id", "x")
                    .put("feedback_type", "thumbs_up").put("model", "b"));
        }

        assertThat(state.apply(first.copy())).as("forgotten past the window: counted again").isTrue();
        assertThat(state.apply(new JsonObject().put("type", "feedback")
                .put("event_id", "e" + (LearningState.REMEMBERED_EVENT_IDS - 1)).put("request_id", "x")
                .put("feedback_type", "thumbs_up").put("model", "b"))).as("the newest are still remembered").isFalse();
    }
}
