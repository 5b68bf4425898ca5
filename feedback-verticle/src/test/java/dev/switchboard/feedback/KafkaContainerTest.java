package dev.switchboard.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.CandidateScore;
import dev.switchboard.contracts.bus.DecisionRecord;
import dev.switchboard.contracts.bus.FeedbackSubmission;
import dev.switchboard.contracts.bus.LearnedState;
import dev.switchboard.contracts.bus.ReasonCode;
import dev.switchboard.contracts.bus.RouteDecision;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The feedback verticle against a Kafka broker in Docker (the user's-cluster path, {@code bootstrap_servers} set):
 * topics created, feedback learned. Skipped where there is no Docker; the embedded-broker tests cover the rest.
 */
@Testcontainers(disabledWithoutDocker = true)
class KafkaContainerTest {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.1");

    @Test
    void shouldLearnFromFeedbackOnAClusterItDidNotStart() throws Exception {
        try (FeedbackNode node = FeedbackNode.start(KAFKA.getBootstrapServers())) {
            Vertx vertx = node.vertx;
            AtomicReference<LearnedState> learned = node.learned;
            vertx.eventBus().publish(Addresses.FEEDBACK_DECISION, new DecisionRecord(new RouteDecision("r1", "small",
                    "small", "small", "b", null, null, 1, List.of(new CandidateScore("small", 1, Map.of())),
                    ReasonCode.CONCRETE_MODEL, 10, "rev"), "hi", null, null, null, null, System.currentTimeMillis(), Map.of()));
            vertx.eventBus().request(Addresses.FEEDBACK_SUBMIT, new FeedbackSubmission("r1", "thumbs_up", null, null,
                    null, null, null, null)).await(10, TimeUnit.SECONDS);

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (learned.get().version() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(learned.get().stats(LearnedState.GLOBAL, "small").orElseThrow().rating()).isEqualTo(1503.2);
        }
    }
}
