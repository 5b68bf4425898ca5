package dev.switchboard.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.DecisionRecord;
import dev.switchboard.contracts.bus.RouteDecision;
import dev.switchboard.contracts.bus.RouteRequest;
import dev.switchboard.contracts.config.ConfigLoader;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A decision the router reaches after the proxy stopped waiting is dropped: the proxy has served the default model
 * and recorded that, and a second record would join feedback to a model that never answered.
 */
class LateDecisionTest {

    private RouterFixture fixture;
    private final List<DecisionRecord> recorded = new CopyOnWriteArrayList<>();

    @BeforeEach
    void deploy() throws Exception {
        fixture = new RouterFixture();
        fixture.vertx.eventBus().<DecisionRecord>localConsumer(Addresses.FEEDBACK_DECISION,
                m -> recorded.add(m.body())).completion().await(10, TimeUnit.SECONDS);
        fixture.deployRouter(ConfigLoader.load(Path.of("..", "conf", "examples", "keyword-router.yaml")));
    }

    @AfterEach
    void close() throws Exception {
        fixture.close();
    }

    private RouteDecision ask(String requestId, long answerByNanos) throws Exception {
        return fixture.vertx.eventBus().<RouteDecision>request(Addresses.ROUTER_ROUTE,
                        new RouteRequest(requestId, "MoM", "Explain the async/await pattern in Rust", List.of(), 10,
                                null, null, false, "test", answerByNanos, null, null),
                        new DeliveryOptions().setSendTimeout(1_000))
                .map(m -> m.body()).await(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldNeitherAnswerNorRecordADecisionTheAskerNoLongerWaitsFor() throws Exception {
        assertThatThrownBy(() -> ask("late", System.nanoTime() - 1))
                .isInstanceOfSatisfying(ReplyException.class,
                        e -> assertThat(e.failureType()).isEqualTo(ReplyFailure.TIMEOUT));

        RouteDecision inTime = ask("in-time", System.nanoTime() + TimeUnit.SECONDS.toNanos(30));

        assertThat(inTime.selectedModel()).isEqualTo("gemini-flash");
        assertThat(recorded).extracting(r -> r.decision().requestId()).containsExactly("in-time");
    }
}
