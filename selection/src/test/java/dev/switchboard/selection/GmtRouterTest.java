package dev.switchboard.selection;

import static dev.switchboard.selection.LearningWorld.CODE;
import static dev.switchboard.selection.LearningWorld.CODER;
import static dev.switchboard.selection.LearningWorld.EVERYDAY;
import static dev.switchboard.selection.LearningWorld.GENERAL;
import static dev.switchboard.selection.LearningWorld.REASONER;
import static dev.switchboard.selection.LearningWorld.UNCLAIMED;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** gmtrouter's user side: a user's own feedback, and similar users', personalise the prompt's vote. */
class GmtRouterTest {

    @Test
    void shouldFollowEachUsersOwnPreferenceAndLetSimilarUsersShareIt() throws Exception {
        LearningWorld world = new LearningWorld();
        // Alice and Carol want everyday questions answered by the reasoner; Bob is happy with the general model.
        for (int i = 0; i < 12; i++) {
            world.correct(world.prompt(EVERYDAY, UNCLAIMED, 0.3), GENERAL, REASONER, "alice");
            world.correct(world.prompt(CODE, -1, 0.1), GENERAL, CODER, "alice");
            world.correct(world.prompt(EVERYDAY, UNCLAIMED, 0.3), REASONER, GENERAL, "bob");
            world.correct(world.prompt(CODE, -1, 0.1), GENERAL, CODER, "bob");
        }
        for (int i = 0; i < 4; i++) {
            world.correct(world.prompt(EVERYDAY, UNCLAIMED, 0.3), GENERAL, REASONER, "carol");
        }
        float[] everyday = world.prompt(EVERYDAY, -1, 0.05);

        assertThat(world.route("gmtrouter", everyday, "alice")).isEqualTo(REASONER);
        assertThat(world.route("gmtrouter", everyday, "bob")).isEqualTo(GENERAL);
        assertThat(world.route("gmtrouter", everyday, "carol")).as("like Alice").isEqualTo(REASONER);
        assertThat(world.route("gmtrouter", everyday, null)).as("anonymous: the prompt's neighbours")
                .isEqualTo(GENERAL);
        assertThat(world.route("gmtrouter", world.prompt(CODE, -1, 0.05), "alice")).as("code stays")
                .isEqualTo(CODER);
    }
}
