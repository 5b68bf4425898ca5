package dev.switchboard.feedback;

import static dev.switchboard.feedback.FeedbackNode.decision;
import static dev.switchboard.feedback.FeedbackNode.submit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.FeedbackSubmission;
import dev.switchboard.contracts.bus.LearnedState;
import dev.switchboard.contracts.bus.OutcomeEvent;
import dev.switchboard.feedback.kafka.LocalKafkaCluster;
import dev.switchboard.testing.Await;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three instances on a three-broker KRaft cluster, event topics of six partitions: requests routed by each, feedback
 * given to another, one broker stopped and started again, one instance stopped and started again, all in the middle
 * of the traffic. Every instance ends on the same learned state, and it counts every event exactly once: its version
 * is the number of events, and the Elo games played are the pairwise feedback given. Then every instance stops, and
 * a new one starts from what Kafka keeps (the fold's changelog and the learned-state topic) with the same state.
 */
class ScaleOutTest {

    private static final int REQUESTS_PER_PHASE = 12;

    @TempDir
    Path dir;

    private LocalKafkaCluster kafka;
    private final FeedbackNode[] nodes = new FeedbackNode[3];

    @AfterEach
    void stop() {
        for (FeedbackNode node : nodes) {
            if (node != null) {
                node.close();
            }
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    /** Routes requests on the given instances in turn, each with an outcome, and feedback on the next instance. */
    private int phase(String prefix, List<FeedbackNode> up) throws Exception {
        int pairwise = 0;
        for (int i = 0; i < REQUESTS_PER_PHASE; i++) {
            FeedbackNode router = up.get(i % up.size());
            FeedbackNode rater = up.get((i + 1) % up.size());
            String id = prefix + i;
            router.vertx.eventBus().publish(Addresses.FEEDBACK_DECISION, decision(id, "small", 0.05f * i));
            router.vertx.eventBus().publish(Addresses.FEEDBACK_OUTCOME, new OutcomeEvent(id, "small", "MoM", 200, 80,
                    null, null, null, null));
            if (i % 2 == 0) {
                submit(rater.vertx, new FeedbackSubmission(id, "pairwise", null, "large", "small", null, null, null));
                pairwise++;
            } else {
                submit(rater.vertx, new FeedbackSubmission(id, "thumbs_up", null, null, null, null, null, "u" + i));
            }
        }
        return pairwise;
    }

    @Test
    void threeInstancesShouldCountEveryEventOnceThroughABrokerAndAnInstanceRestart() throws Exception {
        kafka = LocalKafkaCluster.start(dir, 3);
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = FeedbackNode.start(kafka.bootstrapServers());
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers()))) {
            assertThat(admin.describeTopics(List.of("switchboard.feedback")).allTopicNames().get()
                    .get("switchboard.feedback").partitions()).hasSize(6);
        }
        int pairwise = phase("a", List.of(nodes));

        kafka.stop(1);
        pairwise += phase("b", List.of(nodes));
        kafka.restart(1);

        nodes[2].close();
        nodes[2] = null;
        pairwise += phase("c", List.of(nodes[0], nodes[1]));
        nodes[2] = FeedbackNode.start(kafka.bootstrapServers());
        pairwise += phase("d", List.of(nodes));

        // Every request: a decision, an outcome and one piece of feedback.
        long events = 4L * REQUESTS_PER_PHASE * 3;
        Await.until(() -> List.of(nodes).stream().allMatch(n -> n.learned.get().version() == events),
                "every instance to have learned all " + events + " events");
        LearnedState reference = nodes[0].learned.get();
        for (FeedbackNode node : nodes) {
            assertThat(node.learned.get().byScope()).isEqualTo(reference.byScope());
            assertThat(node.learned.get().exemplars()).hasSize(4 * REQUESTS_PER_PHASE);
        }
        LearnedState.ModelStats large = reference.stats(LearnedState.GLOBAL, "large").orElseThrow();
        assertThat(large.comparisons()).as("one game per pairwise feedback, none twice").isEqualTo(pairwise);
        assertThat(large.successes()).isEqualTo(pairwise);

        List<Double> ratings = new ArrayList<>();
        reference.byScope().values().forEach(models -> models.values().forEach(s -> ratings.add(s.rating())));
        for (int i = 0; i < nodes.length; i++) {
            nodes[i].close();
            nodes[i] = null;
        }
        nodes[0] = FeedbackNode.start(kafka.bootstrapServers());
        assertThat(nodes[0].learned.get().version()).as("ready with the state Kafka keeps").isEqualTo(events);
        assertThat(nodes[0].learned.get().byScope()).isEqualTo(reference.byScope());

        // The fold goes on from its restored store: one more event makes one more version, not a fresh count.
        nodes[0].vertx.eventBus().publish(Addresses.FEEDBACK_DECISION, decision("e0", "small", 0.5f));
        Await.until(() -> nodes[0].learned.get().version() == events + 1, "the next event folded on top");
        assertThat(ratings).isNotEmpty();
    }
}
