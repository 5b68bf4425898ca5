package dev.switchboard.selection.gmtrouter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.bus.LearnedState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GMTRouter's per-user memory stays within max_users and max_interactions_per_user, whatever the traffic. */
class UserPreferenceLearnerTest {

    private static final int MAX_USERS = 50;

    private final UserPreferenceLearner learner = new UserPreferenceLearner(new GmtRouterSettings(true, 1, 4, null,
            MAX_USERS, null, null, null, null, null, null, null));
    private long sequence;

    @Test
    void shouldForgetTheLeastRecentlyActiveUsersPastTheBound() {
        for (int user = 0; user < MAX_USERS * 3; user++) {
            learner.learn(choice("u" + user, "a", 1), List.of());
        }
        learner.learn(choice("u" + (MAX_USERS * 2), "b", 1), List.of());

        Map<String, double[]> shifts = ((UserPreferences) learner.model()).shifts();

        assertThat(shifts).hasSize(MAX_USERS).containsKey("u" + (MAX_USERS * 3 - 1))
                .containsKey("u" + (MAX_USERS * 2)).doesNotContainKey("u0").doesNotContainKey("u" + (MAX_USERS * 2 - 1));
    }

    @Test
    void shouldKeepAtMostTheLatestInteractionsOfAUser() {
        // Four interactions at most: ten times "a was wrong", then four times "a was right", leave only the right.
        for (int i = 0; i < 10; i++) {
            learner.learn(choice("u", "a", 0), List.of());
        }
        for (int i = 0; i < 4; i++) {
            learner.learn(choice("u", "a", 1), List.of());
            learner.learn(choice("other", "a", 0.5), List.of());
        }

        UserPreferences preferences = (UserPreferences) learner.model();
        double shift = preferences.shifts().get("u")[preferences.models().indexOf("a")];

        assertThat(shift).as("u likes a better than the average user (kept: 1 against 0.75); with the ten wrong ones "
                + "kept it would be worse").isGreaterThan(0);
    }

    private LearnedState.Exemplar choice(String user, String model, double target) {
        List<LearnedState.Label> label = List.of(new LearnedState.Label(model, target, 1));
        return new LearnedState.Exemplar(++sequence, "m", new float[] {1, 0}, "d", model, user, Map.of(), Map.of(),
                label, label);
    }
}
