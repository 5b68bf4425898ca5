package dev.switchboard.selection;

import static dev.switchboard.selection.LearningWorld.CODE;
import static dev.switchboard.selection.LearningWorld.CODER;
import static dev.switchboard.selection.LearningWorld.EVERYDAY;
import static dev.switchboard.selection.LearningWorld.GENERAL;
import static dev.switchboard.selection.LearningWorld.REASONER;
import static dev.switchboard.selection.LearningWorld.REASONING;
import static dev.switchboard.selection.LearningWorld.UNCLAIMED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.selection.learning.Learner;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the learning loop relies on from every learner: the same feedback in the same order gives the same model
 * (two instances converge), and a learner restored from a snapshot and fed the rest routes exactly like one that
 * never stopped (a restart loses nothing).
 */
class LearnerContractTest {

    private static void teach(LearningWorld world, int from, int to) {
        for (int i = from; i < to; i++) {
            int kind = i % 3;
            float[] prompt = kind == 0 ? world.prompt(CODE, -1, 0.2)
                    : kind == 1 ? world.prompt(REASONING, EVERYDAY, 0.2) : world.prompt(EVERYDAY, UNCLAIMED, 0.2);
            String right = kind == 0 ? CODER : kind == 1 ? REASONER : GENERAL;
            world.correct(prompt, i % 2 == 0 ? GENERAL : CODER, right, "user-" + (i % 4));
        }
    }

    private static List<String> routes(LearningWorld world, String type) throws Exception {
        LearningWorld probes = new LearningWorld();
        List<float[]> prompts = List.of(probes.prompt(CODE, REASONING, 0.3), probes.prompt(EVERYDAY, UNCLAIMED, 0.3),
                probes.prompt(REASONING, EVERYDAY, 0.3), probes.prompt(UNCLAIMED, CODE, 0.3));
        return prompts.stream().map(p -> {
            try {
                return world.algorithm(type).select(world.input(p, "user-1", true)).scores().toString();
            } catch (SelectionUnavailableException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"router_dc", "kmeans", "svm", "mlp", "gmtrouter", "automix", "hybrid"})
    void theSameFeedbackInTheSameOrderShouldGiveTheSameScores(String type) throws Exception {
        LearningWorld first = new LearningWorld();
        LearningWorld second = new LearningWorld();
        teach(first, 0, 60);
        teach(second, 0, 60);

        assertThat(routes(first, type)).isEqualTo(routes(second, type));
    }

    @ParameterizedTest
    @ValueSource(strings = {"router_dc", "kmeans", "svm", "mlp", "gmtrouter", "automix", "hybrid"})
    void aRestoredLearnerShouldCarryOnExactlyLikeOneThatNeverStopped(String type) throws Exception {
        LearningWorld running = new LearningWorld();
        LearningWorld restarted = new LearningWorld();
        teach(running, 0, 40);
        teach(restarted, 0, 40);
        for (Map.Entry<String, Learner> learner : restarted.learners().entrySet()) {
            JsonObject snapshot = new JsonObject(learner.getValue().save().encode());
            learner.getValue().restore(snapshot);
        }
        teach(running, 40, 80);
        teach(restarted, 40, 80);

        assertThat(routes(restarted, type)).isEqualTo(routes(running, type));
    }
}
