package dev.switchboard.selection;

import static dev.switchboard.selection.LearningWorld.CODE;
import static dev.switchboard.selection.LearningWorld.CODER;
import static dev.switchboard.selection.LearningWorld.EVERYDAY;
import static dev.switchboard.selection.LearningWorld.GENERAL;
import static dev.switchboard.selection.LearningWorld.REASONER;
import static dev.switchboard.selection.LearningWorld.REASONING;
import static dev.switchboard.selection.LearningWorld.UNCLAIMED;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every algorithm that routes by the prompt: with no feedback it routes like the cards; after feedback as live
 * traffic gives it (corrections on one kind of prompt the cards get wrong, confirmations on the kinds they get
 * right) it routes that kind where the corrections say, and leaves the other kinds where they were: it does not
 * collapse onto the model the corrections name.
 */
class AlgorithmLearningTest {

    @ParameterizedTest
    @ValueSource(strings = {"router_dc", "multi_factor", "hybrid", "knn", "kmeans", "svm", "mlp", "gmtrouter",
            "automix"})
    void shouldStartFromTheCardsThenLearnWhereCorrectionsSayWithoutCollapsing(String type) throws Exception {
        LearningWorld world = new LearningWorld();
        float[] unclaimed = world.prompt(EVERYDAY, UNCLAIMED, 0.05);

        assertThat(world.route(type, world.prompt(CODE, -1, 0.05))).as("zero-shot code").isEqualTo(CODER);
        assertThat(world.route(type, world.prompt(REASONING, -1, 0.05))).as("zero-shot reasoning")
                .isEqualTo(REASONER);
        assertThat(world.route(type, world.prompt(EVERYDAY, -1, 0.05))).as("zero-shot everyday").isEqualTo(GENERAL);
        assertThat(world.route(type, unclaimed)).as("the cards give the fourth kind to the general model")
                .isEqualTo(GENERAL);

        for (int i = 0; i < 40; i++) {
            world.correct(world.prompt(EVERYDAY, UNCLAIMED, 0.1), GENERAL, REASONER, null);
            if (i % 4 == 0) {
                world.confirm(world.prompt(CODE, -1, 0.1), CODER);
                world.confirm(world.prompt(REASONING, -1, 0.1), REASONER);
                world.confirm(world.prompt(EVERYDAY, -1, 0.1), GENERAL);
            }
        }

        assertThat(world.route(type, world.prompt(EVERYDAY, UNCLAIMED, 0.05))).as("learned: the fourth kind")
                .isEqualTo(REASONER);
        assertThat(world.route(type, world.prompt(CODE, -1, 0.05))).as("code stays").isEqualTo(CODER);
        assertThat(world.route(type, world.prompt(EVERYDAY, -1, 0.05))).as("everyday stays").isEqualTo(GENERAL);
    }
}
