package dev.switchboard.feedback;

import static dev.switchboard.feedback.FeedbackNode.decision;
import static dev.switchboard.feedback.FeedbackNode.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.FeedbackSubmission;
import dev.switchboard.contracts.bus.LearnedState;
import dev.switchboard.contracts.bus.OutcomeEvent;
import dev.switchboard.feedback.kafka.EmbeddedKafka;
import dev.switchboard.testing.Await;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Switchboard instances (two Vert.x instances, two feedback verticles) on one Kafka cluster: each routes its own
 * requests and receives feedback on the other's; after the same feedback both hold the same learned state. Then the
 * cluster goes away: decisions, outcomes and feedback are still accepted at once, and reach Kafka when it returns.
 */
class ConvergenceTest {

    @TempDir
    Path dir;

    private EmbeddedKafka kafka;
    private FeedbackNode firstNode;
    private FeedbackNode secondNode;

    @AfterEach
    void stop() throws Exception {
        for (FeedbackNode node : new FeedbackNode[] {firstNode, secondNode}) {
            if (node != null) {
                node.close();
            }
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void twoInstancesShouldLearnTheSameFromTheSameFeedback() throws Exception {
        kafka = EmbeddedKafka.start(dir, 0);
        firstNode = FeedbackNode.start(kafka.bootstrapServers());
        secondNode = FeedbackNode.start(kafka.bootstrapServers());
        Vertx first = firstNode.vertx;
        Vertx second = secondNode.vertx;
        AtomicReference<LearnedState> learnedByFirst = firstNode.learned;
        AtomicReference<LearnedState> learnedBySecond = secondNode.learned;

        for (int i = 0; i < 4; i++) {
            first.eventBus().publish(Addresses.FEEDBACK_DECISION, decision("a" + i, "small", 0.1f * i));
            second.eventBus().publish(Addresses.FEEDBACK_DECISION, decision("b" + i, "large", 0.9f - 0.1f * i));
            first.eventBus().publish(Addresses.FEEDBACK_OUTCOME, new OutcomeEvent("a" + i, "small", "MoM",
                    i == 3 ? 503 : 200, 100, null, null, null, null));
        }
        for (int i = 0; i < 4; i++) {
            // Each instance hears about the other's requests.
            submit(second, new FeedbackSubmission("a" + i, "thumbs_down", null, null, null, null, null, "u1"));
            submit(first, new FeedbackSubmission("b" + i, "pairwise", null, "large", "small", null, null, null));
            submit(first, new FeedbackSubmission("b" + i, "rating", 0.8, null, null, null, null, null));
        }
        // 8 decisions, 4 outcomes, 12 pieces of feedback: both have applied all 24 events.
        Await.until(() -> learnedByFirst.get().version() == 24 && learnedBySecond.get().version() == 24,
                "both instances to apply every event");

        LearnedState a = learnedByFirst.get();
        LearnedState b = learnedBySecond.get();
        assertThat(a.byScope().keySet()).isEqualTo(b.byScope().keySet());
        for (String scope : a.byScope().keySet()) {
            for (String model : a.byScope().get(scope).keySet()) {
                LearnedState.ModelStats x = a.stats(scope, model).orElseThrow();
                LearnedState.ModelStats y = b.stats(scope, model).orElseThrow();
                assertThat(y.rating()).as(scope + "/" + model).isEqualTo(x.rating());
                assertThat(y.comparisons()).isEqualTo(x.comparisons());
                assertThat(y.successes()).isCloseTo(x.successes(), within(1e-9));
                assertThat(y.failures()).isCloseTo(x.failures(), within(1e-9));
            }
        }
        assertThat(a.stats(LearnedState.GLOBAL, "large").orElseThrow().rating()).isGreaterThan(1550);
        assertThat(a.exemplars()).hasSize(12).hasSameSizeAs(b.exemplars());
    }

    @Test
    void shouldKeepAcceptingEventsWhileKafkaIsAwayAndDeliverThemWhenItReturns() throws Exception {
        java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        int port = probe.getLocalPort();
        probe.close();
        kafka = EmbeddedKafka.start(dir, port);
        firstNode = FeedbackNode.start(kafka.bootstrapServers());
        Vertx first = firstNode.vertx;
        AtomicReference<LearnedState> learned = firstNode.learned;
        first.eventBus().publish(Addresses.FEEDBACK_DECISION, decision("r0", "small", 0.5f));
        Await.until(() -> learned.get().version() == 1, "the first decision learned");

        kafka.close();
        kafka = null;
        long began = System.nanoTime();
        for (int i = 1; i <= 20; i++) {
            first.eventBus().publish(Addresses.FEEDBACK_DECISION, decision("r" + i, "small", 0.5f));
            first.eventBus().publish(Addresses.FEEDBACK_OUTCOME, new OutcomeEvent("r" + i, "small", "MoM", 200, 50,
                    null, null, null, null));
        }
        // Known from this instance's own decisions: accepted without Kafka.
        first.eventBus().request(Addresses.FEEDBACK_SUBMIT, new FeedbackSubmission("r7", "thumbs_up", null, null,
                null, null, null, null)).await(5, TimeUnit.SECONDS);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began)).isLessThan(2_000);
        kafka = EmbeddedKafka.start(dir, port);

        // 1 + 20 decisions, 20 outcomes, 1 thumbs up, all applied once Kafka is back.
        Await.until(() -> learned.get().version() == 42, "the events of the outage to be learned");
        assertThat(learned.get().stats(LearnedState.GLOBAL, "small").orElseThrow().rating()).isEqualTo(1503.2);
    }
}
