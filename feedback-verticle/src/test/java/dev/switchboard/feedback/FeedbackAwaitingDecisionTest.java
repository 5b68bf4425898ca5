package dev.switchboard.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.bus.Codecs;
import dev.switchboard.contracts.bus.FeedbackSubmission;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FeedbackAwaitingDecisionTest {

    private static final String ADDRESS = "test.feedback";

    private final Vertx vertx = Vertx.vertx();
    private final List<Boolean> held = new CopyOnWriteArrayList<>();
    private final List<String> afterWait = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    /** Sends feedback on each id, held by {@code awaiting} on the consumer's event loop, as the verticle does. */
    private void send(FeedbackAwaitingDecision awaiting, String... requestIds) throws Exception {
        Codecs.registerAll(vertx.eventBus());
        vertx.eventBus().<FeedbackSubmission>localConsumer(ADDRESS, message -> held.add(awaiting.hold(message,
                waited -> afterWait.add(waited.body().requestId())))).completion().await(10, TimeUnit.SECONDS);
        for (String id : requestIds) {
            vertx.eventBus().request(ADDRESS, new FeedbackSubmission(id, "thumbs_up", null, null, null, null, null,
                    null));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (held.size() < requestIds.length && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private <T> T onLoop(java.util.function.Supplier<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        vertx.runOnContext(v -> result.complete(action.get()));
        return result.get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldHoldNoMoreThanItsCapacityAndHandBackWhatItsDecisionReleases() throws Exception {
        FeedbackAwaitingDecision awaiting = new FeedbackAwaitingDecision(vertx, 60_000, 2);

        send(awaiting, "a", "a", "b");

        assertThat(held).containsExactly(true, true, false);
        List<Message<FeedbackSubmission>> released = onLoop(() -> awaiting.release("a"));
        assertThat(released).extracting(m -> m.body().requestId()).containsExactly("a", "a");
        assertThat(onLoop(awaiting::size)).isZero();
        assertThat(onLoop(() -> awaiting.release("a"))).isEmpty();
        assertThat(afterWait).as("released feedback does not also time out").isEmpty();
    }

    @Test
    void shouldHandFeedbackWhoseDecisionNeverCameToTheCallerAfterTheWait() throws Exception {
        FeedbackAwaitingDecision awaiting = new FeedbackAwaitingDecision(vertx, 100, 10);

        send(awaiting, "never");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (afterWait.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        assertThat(afterWait).containsExactly("never");
        assertThat(onLoop(awaiting::size)).isZero();
        assertThat(onLoop(() -> awaiting.release("never"))).isEmpty();
    }
}
