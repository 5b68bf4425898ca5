package dev.switchboard.feedback;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.CandidateScore;
import dev.switchboard.contracts.bus.DecisionRecord;
import dev.switchboard.contracts.bus.FeedbackSubmission;
import dev.switchboard.contracts.bus.ReasonCode;
import dev.switchboard.contracts.bus.RouteDecision;
import dev.switchboard.contracts.bus.Codecs;
import dev.switchboard.contracts.bus.LearnedState;
import dev.switchboard.contracts.config.ConfigLoader;
import dev.switchboard.contracts.config.FeedbackSettings;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** One Switchboard instance's feedback side for tests: a Vert.x, its feedback verticle, the latest learned state. */
final class FeedbackNode implements AutoCloseable {

    /** Two models, one decision over both; the Kafka cluster at {@code bootstrapServers}. */
    static final String TWO_MODELS = """
            version: v0.3
            providers:
              defaults: {default_model: small}
              models:
                - name: small
                  backend_refs: [{name: b, endpoint: "127.0.0.1:1"}]
                - name: large
                  backend_refs: [{name: b, endpoint: "127.0.0.1:2"}]
            routing:
              decisions:
                - name: MoM
                  rules: {}
                  modelRefs: [{model: small}, {model: large}]
            global:
              kafka: {bootstrap_servers: "%s"}
            """;

    final Vertx vertx = Vertx.vertx();
    final AtomicReference<LearnedState> learned = new AtomicReference<>(LearnedState.EMPTY);

    private FeedbackNode() {
    }

    static FeedbackNode start(String bootstrapServers) throws Exception {
        FeedbackNode node = new FeedbackNode();
        Codecs.registerAll(node.vertx.eventBus());
        node.vertx.eventBus().<LearnedState>localConsumer(Addresses.ROUTER_LEARNING, m -> node.learned.set(m.body()))
                .completion().await(10, TimeUnit.SECONDS);
        node.vertx.deployVerticle(new FeedbackVerticle(FeedbackSettings.of(ConfigLoader.parse(
                TWO_MODELS.formatted(bootstrapServers), "t").config()), null)).await(60, TimeUnit.SECONDS);
        return node;
    }

    /** A decision over both models, served by {@code model}, its prompt vector {@code (x, 1 - x)}. */
    static DecisionRecord decision(String requestId, String model, float x) {
        return new DecisionRecord(new RouteDecision(requestId, "MoM", model, model, "b", "MoM", "rl_driven", 0.5,
                List.of(new CandidateScore("small", 0.5, Map.of()), new CandidateScore("large", 0.4, Map.of())),
                ReasonCode.AUTO_ROUTING, 1_000, "rev"), "prompt " + requestId, "m", new float[] {x, 1 - x}, null,
                null, System.currentTimeMillis(), Map.of());
    }

    /**
     * Feedback to an instance that may not have read the request's decision from Kafka yet (another instance routed
     * it): retried for up to 60 s.
     */
    static void submit(Vertx vertx, FeedbackSubmission feedback) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                vertx.eventBus().request(Addresses.FEEDBACK_SUBMIT, feedback).await(10, TimeUnit.SECONDS);
                return;
            } catch (Exception notYetKnown) {
                if (System.nanoTime() > deadline) {
                    throw notYetKnown;
                }
                Thread.sleep(100);
            }
        }
    }

    @Override
    public void close() {
        try {
            vertx.close().await(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Vert.x did not close in 30 s", e);
        }
    }
}
