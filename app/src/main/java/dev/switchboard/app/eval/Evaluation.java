package dev.switchboard.app.eval;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.Codecs;
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
import dev.switchboard.selection.SelectionEnvironment;
import dev.switchboard.selection.routerdc.RouterDcSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs labelled prompts through Switchboard's production routing: the same embedder and router verticles on the
 * event bus, {@code router.route} as dry runs. To learn, items first go through the real feedback path: routed for
 * real, then the simulated user's feedback on the routed model ({@link SimulatedUser}) goes through the feedback
 * verticle, an embedded Kafka broker in a temporary folder and the learning loop, and the next item is routed once
 * that feedback has reached the router's learned state (so a run's figures reproduce; the delay is measured).
 * The routers' randomness is seeded. The baselines, routed the same way: the article's keyword rules
 * ({@code conf/examples/keyword-router.yaml}) and the naive cosine between prompt and model card (the config's own
 * decisions with {@code router_dc} on the descriptions alone, no threshold).
 */
public final class Evaluation {

    /**
     * One item at a time: two prompts embedded in one inference are padded to the longer one, which moves their
     * vectors slightly and made figures differ by a few thousandths from run to run. Alone, each prompt's vector is
     * the same every run, so the figures reproduce exactly.
     */
    private static final int CONCURRENCY = 1;
    private static final Duration PUBLISH_INTERVAL = Duration.ofMillis(20);

    /** A router to evaluate: a name and its routing settings. */
    public record Subject(String name, RouterSettings settings) {
    }

    private final Vertx vertx;
    private final AtomicReference<LearnedState> learned = new AtomicReference<>(LearnedState.EMPTY);
    /** Each published state's arrival (nanoTime) and exemplar count, for the feedback-to-routing delay. */
    private final List<long[]> arrivals = new ArrayList<>();
    private int maxExemplars = Integer.MAX_VALUE;
    /** The routers' randomness (exploration) is seeded too. */
    private final long seed;
    private final Map<String, String> deployments = new java.util.HashMap<>();

    private Evaluation(Vertx vertx, long seed) {
        this.vertx = vertx;
        this.seed = seed;
    }

    /** Starts the embedder (and, to learn, the feedback verticle on a temporary embedded broker). */
    public static Evaluation start(SwitchboardConfig config, boolean withFeedback, long seed) throws Exception {
        Vertx vertx = Vertx.vertx();
        Codecs.registerAll(vertx.eventBus());
        Evaluation evaluation = new Evaluation(vertx, seed);
        evaluation.maxExemplars = config.global().learning().maxExemplars();
        vertx.eventBus().<LearnedState>localConsumer(Addresses.ROUTER_LEARNING, m -> {
            evaluation.learned.set(m.body());
            synchronized (evaluation.arrivals) {
                evaluation.arrivals.add(new long[] {System.nanoTime(), m.body().exemplars().size()});
            }
        }).completion().await(10, TimeUnit.SECONDS);
        vertx.deployVerticle(new EmbedderVerticle(config.global().embedding(), null),
                EmbedderVerticle.deploymentOptions(config.global().embedding())).await(120, TimeUnit.SECONDS);
        if (withFeedback) {
            // Never the user's cluster: the evaluation's feedback must not reach production topics.
            Path kafkaDir = Files.createTempDirectory("switchboard-eval");
            KafkaConfig kafka = new KafkaConfig(null, config.global().kafka().topics(),
                    new KafkaConfig.EmbeddedKafkaConfig(kafkaDir.toString(), 0), false, 100_000);
            // Each item waits for its feedback to be learned before the next is routed, so publish often.
            vertx.deployVerticle(new FeedbackVerticle(new FeedbackSettings(kafka,
                    config.global().learning().withPublishInterval(PUBLISH_INTERVAL),
                    config.providers(), config.routing().decisions(), config.routing().modelCards()), null))
                    .await(120, TimeUnit.SECONDS);
        }
        return evaluation;
    }

    /**
     * The config's decisions with {@code router_dc} on the card descriptions alone and no similarity threshold:
     * prompt-to-card cosine, argmax.
     */
    public static RouterSettings naiveCardCosine(SwitchboardConfig config) {
        List<DecisionDefinition> decisions = new ArrayList<>();
        for (DecisionDefinition d : config.routing().decisions()) {
            decisions.add(new DecisionDefinition(d.name(), d.description(), d.priority(), d.rules(), d.modelRefs(),
                    new AlgorithmConfig("router_dc", new RouterDcSettings(null, 0.0, false, null), Map.of())));
        }
        RoutingConfig routing = config.routing();
        return new RouterSettings(config.providers(), new RoutingConfig(routing.strategy(), routing.modelCards(),
                routing.signals(), decisions, routing.projections()), config.global().router().autoModelNames());
    }

    /**
     * Routes each item for real and sends the simulated user's feedback on it, then waits until the learning loop
     * has turned every piece of feedback into an exemplar of the learned state the router reads. Returns, for each
     * piece of feedback, how long it took from its submission to the first published state that held it: the delay
     * between feedback and routing that uses it.
     */
    public List<Double> learn(Subject subject, List<EvalItem> items, Map<String, String> modelOfLabel,
            SimulatedUser user, Map<String, Double> strength) throws Exception {
        deploy(subject);
        String auto = subject.settings().autoModelNames().get(0);
        int exemplarsBefore = learned.get().exemplars().size();
        long[] submitted = new long[items.size()];
        for (int i = 0; i < items.size(); i++) {
            EvalItem item = items.get(i);
            int index = i;
            String requestId = "learn-" + item.id();
            route(requestId, auto, item.text(), false)
                    .compose(decision -> {
                        submitted[index] = System.nanoTime();
                        return FeedbackSubmitter.submitOnceRecorded(vertx, user.feedback(requestId,
                                decision.selectedModel(), modelOfLabel.get(item.route()), strength));
                    })
                    .await(2, TimeUnit.MINUTES);
            // The next item is routed with what this one taught: the same run gives the same figures.
            awaitExemplars(Math.min(exemplarsBefore + i + 1, maxExemplars), item);
        }
        // Published states reach the router already deployed; the one that scores is the same router.
        Thread.sleep(100);
        return delays(submitted, exemplarsBefore);
    }

    /** Waits until the published learned state holds {@code count} exemplars. */
    private void awaitExemplars(int count, EvalItem item) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (learned.get().exemplars().size() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the feedback on " + item.id() + " (line " + item.line()
                        + ") did not reach the learned state within 60 s");
            }
            Thread.sleep(2);
        }
    }

    /** Milliseconds from each submission to the first published state with that many more exemplars. */
    private List<Double> delays(long[] submitted, int exemplarsBefore) {
        List<Double> delays = new ArrayList<>();
        List<long[]> seen;
        synchronized (arrivals) {
            seen = new ArrayList<>(arrivals);
        }
        for (int i = 0; i < submitted.length; i++) {
            int needed = exemplarsBefore + i + 1;
            for (long[] arrival : seen) {
                if (arrival[1] >= needed && arrival[0] >= submitted[i]) {
                    delays.add((arrival[0] - submitted[i]) / 1e6);
                    break;
                }
            }
        }
        return delays;
    }

    /**
     * Publishes replayed response outcomes, as the proxy would, and lets the subject's router take them in. The
     * router is deployed first: its observations start empty, and outcomes published before it listens are lost.
     */
    public void replay(OutcomeReplay outcomes, Subject subject, String decision) throws Exception {
        deploy(subject);
        outcomes.publish(vertx.eventBus(), decision);
        Thread.sleep(300);
    }

    /** Routes every item as a dry run and scores the chosen models against the labels. */
    public EvalReport score(Subject subject, List<EvalItem> items, Map<String, String> labelOfModel,
            List<String> labels) throws Exception {
        deploy(subject);
        String auto = subject.settings().autoModelNames().get(0);
        EvalReport report = new EvalReport(subject.name(), labels);
        Semaphore slots = new Semaphore(CONCURRENCY);
        for (EvalItem item : items) {
            slots.acquire();
            route("eval-" + item.id(), auto, item.text(), true).onComplete(decision -> {
                try {
                    synchronized (report) {
                        if (decision.succeeded()) {
                            report.add(item, labelOfModel.getOrDefault(decision.result().selectedModel(), "other"),
                                    decision.result().routingMicros() / 1000.0);
                        } else {
                            report.add(item, "error", 0);
                        }
                    }
                } finally {
                    // Whatever happens to one item, the run goes on: never a hang.
                    slots.release();
                }
            });
        }
        slots.acquire(CONCURRENCY);
        slots.release(CONCURRENCY);
        return report;
    }

    /**
     * The subject's router, deployed once and kept: the router that learned is the one that is scored, after each
     * amount of feedback.
     */
    private String deploy(Subject subject) throws Exception {
        String existing = deployments.get(subject.name());
        if (existing != null) {
            return existing;
        }
        String id = vertx.deployVerticle(new RouterVerticle(subject.settings(), subject.name(), null,
                new SelectionEnvironment(Clock.systemUTC(), new SplittableRandom(seed)))).await(120, TimeUnit.SECONDS);
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
