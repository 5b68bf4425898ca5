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
import com.github.dockerjava.api.exception.NotFoundException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The feedback verticle against a Kafka broker in Docker (the user's-cluster path, {@code bootstrap_servers} set):
 * topics created, feedback learned. Runs on the official image where it can be pulled, on the stack test's locally
 * built one where that is here; skipped where there is no Docker or neither image. The embedded-broker tests cover
 * the rest.
 */
@Testcontainers(disabledWithoutDocker = true)
class KafkaContainerTest {

    /** The official image, pulled where a registry can be reached. */
    private static final String OFFICIAL_IMAGE = "apache/kafka:4.1.1";
    /** What deploy/stack-test/stack-test.sh builds where none can: the same start contract, no pull. */
    private static final String LOCAL_IMAGE = "local/kafka:4.3.1";

    private static KafkaContainer kafka;

    @BeforeAll
    static void startKafka() {
        String image = System.getenv().getOrDefault("SWITCHBOARD_TEST_KAFKA_IMAGE",
                imageIsHere(LOCAL_IMAGE) ? LOCAL_IMAGE : OFFICIAL_IMAGE);
        // Testcontainers retries a failing pull for two minutes; one try says whether a registry can be reached.
        Assumptions.assumeTrue(imageIsHere(image) || pulled(image),
                image + " cannot be pulled here and was not built (deploy/stack-test/stack-test.sh builds " + LOCAL_IMAGE
                        + ")");
        kafka = new KafkaContainer(DockerImageName.parse(image).asCompatibleSubstituteFor("apache/kafka"));
        kafka.start();
    }

    private static boolean pulled(String image) {
        try {
            DockerClientFactory.instance().client().pullImageCmd(image).start().awaitCompletion(2, TimeUnit.MINUTES);
            return imageIsHere(image);
        } catch (RuntimeException | InterruptedException unreachable) {
            return false;
        }
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.stop();
        }
    }

    private static boolean imageIsHere(String image) {
        try {
            DockerClientFactory.instance().client().inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException absent) {
            return false;
        }
    }

    @Test
    void shouldLearnFromFeedbackOnAClusterItDidNotStart() throws Exception {
        try (FeedbackNode node = FeedbackNode.start(kafka.getBootstrapServers())) {
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
