package dev.switchboard.app.eval;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.Codecs;
import dev.switchboard.contracts.bus.FeedbackSubmission;
import dev.switchboard.contracts.bus.LearnedState;
import dev.switchboard.contracts.bus.RouteDecision;
import dev.switchboard.contracts.bus.RouteRequest;
import dev.switchboard.contracts.config.AlgorithmConfig;
import dev.switchboard.contracts.config.DecisionDefinition;
import dev.switchboard.contracts.config.FeedbackSettings;
import dev.switchboard.contracts.config.KafkaConfig;
import dev.switchboard.contracts.config.RouterSettings;
import dev.switchboard.contracts.config.RoutingConfig;
import dev.switchboard.contracts.config.SwitchboardConfig;
import dev.switchboard.embedder.EmbedderVerticle;
import dev.switchboard.feedback.FeedbackSubmitter;
import dev.switchboard.feedback.FeedbackVerticle;
import dev.switchboard.router.RouterVerticle;
import dev.switchboard.selection.routerdc.RouterDcSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs labelled prompts through Switchboard's production routing: the same embedder and router verticles on the
 * event bus, {@code router.route} as dry runs. With a learning fraction, that share of the items (seeded) first goes
 * through the real feedback path (routed for real, the gold label sent back as a verdict on the routed model:
 * {@code good_fit} when it is the labelled model, {@code failed} otherwise; decisions and feedback through the
 * feedback verticle, an embedded Kafka broker in a temporary folder and the learning loop), and only the rest is
 * scored. The baselines, routed the same way on the same scored items: the article's keyword rules
 * ({@code conf/examples/keyword-router.yaml}) and the naive cosine between prompt and model card (the config's own
 * decisions with {@code router_dc}, no threshold).
 */
public final class Evaluation {

    /**
     * One item at a time: two prompts embedded in one inference are padded to the longer one, which moves their
     * vectors slightly and made figures differ by a few thousandths from run to run. Alone, each prompt's vector is
     * the same every run, so the figures reproduce exactly.
     */
    private static final int CONCURRENCY = 1;

    /** A router to evaluate: a name and its routing settings. */
    public record Subject(String name, RouterSettings settings) {
    }

    private final Vertx vertx;
    private final AtomicReference<LearnedState> learned = new AtomicReference<>(LearnedState.EMPTY);
    private final Map<String, String> deployments = new java.util.HashMap<>();

    private Evaluation(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Starts the embedder (and, to learn, the feedback verticle on a temporary embedded broker). */
    public static Evaluation start(SwitchboardConfig config, boolean withFeedback) throws Exception {
        Vertx vertx = Vertx.vertx();
        Codecs.registerAll(vertx.eventBus());
        Evaluation evaluation = new Evaluation(vertx);
        vertx.eventBus().<LearnedState>localConsumer(Addresses.ROUTER_LEARNING,
                m -> evaluation.learned.set(m.body())).completion().await(10, TimeUnit.SECONDS);
        vertx.deployVerticle(new EmbedderVerticle(config.global().embedding(), null),
                EmbedderVerticle.deploymentOptions(config.global().embedding())).await(120, TimeUnit.SECONDS);
        if (withFeedback) {
            // Never the user's cluster: the evaluation's feedback must not reach production topics.
            Path kafkaDir = Files.createTempDirectory("switchboard-eval");
            KafkaConfig kafka = new KafkaConfig(null, config.global().kafka().topics(),
                    new KafkaConfig.EmbeddedKafkaConfig(kafkaDir.toString(), 0), false, 100_000);
            vertx.deployVerticle(new FeedbackVerticle(new FeedbackSettings(kafka, config.global().learning(),
                    config.providers(),
                    config.routing().decisions()), null)).await(120, TimeUnit.SECONDS);
        }
        return evaluation;
    }

    /** The config's decisions with {@code router_dc} and no similarity threshold: prompt-to-card cosine, argmax. */
    public static RouterSettings naiveCardCosine(SwitchboardConfig config) {
        List<DecisionDefinition> decisions = new ArrayList<>();
        for (DecisionDefinition d : config.routing().decisions()) {
            decisions.add(new DecisionDefinition(d.name(), d.description(), d.priority(), d.rules(), d.modelRefs(),
                    new AlgorithmConfig("router_dc", new RouterDcSettings(null, 0.0, null), Map.of())));
        }
        RoutingConfig routing = config.routing();
        return new RouterSettings(config.providers(), new RoutingConfig(routing.strategy(), routing.modelCards(),
                routing.signals(), decisions), config.global().router().autoModelNames());
    }

    /**
     * Routes each item for real and sends its label back as feedback, then waits until the learning loop has
     * turned every piece of feedback into learned state.
     */
    public void learn(Subject subject, List<EvalItem> items, Map<String, String> modelOfLabel) throws Exception {
        deploy(subject);
        String auto = subject.settings().autoModelNames().get(0);
        Semaphore slots = new Semaphore(CONCURRENCY);
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        long versionBefore = learned.get().version();
        for (EvalItem item : items) {
            slots.acquire();
            String requestId = "learn-" + item.id();
            route(requestId, auto, item.text(), false)
                    .compose(decision -> FeedbackSubmitter.submitOnceRecorded(vertx, new FeedbackSubmission(
                            requestId, "verdict", null, null, null,
                            decision.selectedModel().equals(modelOfLabel.get(item.route())) ? "good_fit" : "failed",
                            null)))
                    .onComplete(done -> {
                        if (done.failed()) {
                            failures.add(item.id() + ": " + done.cause().getMessage());
                        }
                        slots.release();
                    });
        }
        slots.acquire(CONCURRENCY);
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " items could not be learned, e.g. " + failures.get(0));
        }
        // Each item is one decision and one piece of feedback for the learning loop.
        long expected = versionBefore + 2L * items.size();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (learned.get().version() < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("learning applied " + (learned.get().version() - versionBefore)
                        + " of " + 2L * items.size() + " events");
            }
            Thread.sleep(100);
        }
        // Published states reach the router already deployed; the one that scores is the same router.
        Thread.sleep(500);
    }

    /** Routes every item as a dry run and scores the chosen models against the labels. */
    public EvalReport score(Subject subject, List<EvalItem> items, Map<String, String> labelOfModel,
            List<String> labels) throws Exception {
        String deployment = deploy(subject);
        String auto = subject.settings().autoModelNames().get(0);
        EvalReport report = new EvalReport(subject.name(), labels);
        Semaphore slots = new Semaphore(CONCURRENCY);
        for (EvalItem item : items) {
            slots.acquire();
            route("eval-" + item.id(), auto, item.text(), true).onComplete(decision -> {
                synchronized (report) {
                    if (decision.succeeded()) {
                        report.add(item, labelOfModel.getOrDefault(decision.result().selectedModel(), "other"),
                                decision.result().routingMicros() / 1000.0);
                    } else {
                        report.add(item, "error", 0);
                    }
                }
                slots.release();
            });
        }
        slots.acquire(CONCURRENCY);
        vertx.undeploy(deployment).await(30, TimeUnit.SECONDS);
        deployments.remove(subject.name());
        return report;
    }

    /** The subject's router, deployed once: the router that learned is the one that is scored. */
    private String deploy(Subject subject) throws Exception {
        String existing = deployments.get(subject.name());
        if (existing != null) {
            return existing;
        }
        String id = vertx.deployVerticle(new RouterVerticle(subject.settings(), subject.name(), null))
                .await(120, TimeUnit.SECONDS);
        deployments.put(subject.name(), id);
        return id;
    }

    private Future<RouteDecision> route(String requestId, String model, String text, boolean dryRun) {
        return vertx.eventBus().<RouteDecision>request(Addresses.ROUTER_ROUTE, new RouteRequest(requestId, model,
                        text, List.of(), text.length() / 4 + 1, null, null, dryRun, "eval"),
                        new DeliveryOptions().setSendTimeout(120_000))
                .map(reply -> reply.body());
    }


    /** A seeded split: the first {@code fraction} of a shuffled copy to learn from, the rest to score. */
    public static List<List<EvalItem>> split(List<EvalItem> items, double fraction, long seed) {
        List<EvalItem> shuffled = new ArrayList<>(items);
        Collections.shuffle(shuffled, new Random(seed));
        int learn = (int) Math.round(fraction * shuffled.size());
        return List.of(shuffled.subList(0, learn), shuffled.subList(learn, shuffled.size()));
    }

    public void close() throws Exception {
        vertx.close().await(60, TimeUnit.SECONDS);
    }
}
