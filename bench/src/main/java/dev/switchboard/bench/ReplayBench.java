package dev.switchboard.bench;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.CandidateScore;
import dev.switchboard.contracts.bus.Codecs;
import dev.switchboard.contracts.bus.FeedbackSubmission;
import dev.switchboard.contracts.bus.LearnedState;
import dev.switchboard.contracts.bus.RouteDecision;
import dev.switchboard.contracts.bus.RouteRequest;
import dev.switchboard.contracts.config.ConfigLoader;
import dev.switchboard.contracts.config.FeedbackSettings;
import dev.switchboard.contracts.config.LoadedConfig;
import dev.switchboard.contracts.config.RouterSettings;
import dev.switchboard.embedder.EmbedderVerticle;
import dev.switchboard.feedback.FeedbackSubmitter;
import dev.switchboard.feedback.FeedbackVerticle;
import dev.switchboard.router.RouterVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Replays RouteLLM's MMLU outcomes ({@code ../shared/eval-data/outcomes-mmlu.jsonl}: for each question, whether a weak
 * model, Mixtral-8x7B, and a strong one, GPT-4, answered it correctly) through Switchboard's real feedback path and
 * measures what the router learned on questions it never saw.
 *
 * <p>Learning: in a seeded order, each training question is sent to the router twice, once for each model by its
 * name (a concrete-model request, as a client choosing a model makes), and each answer's correctness comes back as
 * verdict feedback ({@code good_fit} or {@code failed}) on {@code feedback.submit}. The feedback verticle writes the
 * decisions and the feedback to the embedded Kafka broker, its learning loop joins them into exemplars and publishes
 * them on {@code router.learning}; every algorithm's learner learns from the same stream. Evaluation, for each
 * algorithm named: each held-out question is routed (dry run) by the {@code mmlu} decision switched to that
 * algorithm; the strong model's score minus the weak one's ranks the questions, and sending the top-ranked share to
 * the strong model traces quality against cost. The algorithm's own choice is its operating point (share of strong
 * calls, accuracy): for the prompt-agnostic {@code elo} and {@code rl_driven}, whose scores do not depend on the
 * question, that is the figure that means something.
 *
 * <p>Reported, as RouteLLM does: the share of strong-model calls needed to reach 95 % of the strong model's accuracy
 * (CPT95) and APGR (the mean, over every share from 0 to 100 %, of the performance gap recovered:
 * {@code (accuracy - weak accuracy) / (strong accuracy - weak accuracy)}), against random routing (the mean of
 * {@value #RANDOM_RUNS} seeded random orders).
 *
 * <p>Usage: {@code java -jar bench/target/switchboard-bench.jar replay [data] [train] [test] [seed] [algorithms] [k]}
 * (default ../shared/eval-data/outcomes-mmlu.jsonl, 3000, 2000, 42, knn, 20; algorithms comma-separated, k is
 * knn's).
 */
public final class ReplayBench {

    private static final int RANDOM_RUNS = 20;
    /**
     * Questions in flight: enough to keep the embedder busy, few enough that no prompt waits past the router's 1 s
     * embedding timeout (a decision recorded without its embedding cannot become an exemplar).
     */
    private static final int CONCURRENCY = 2;

    private ReplayBench() {
    }

    /** One MMLU question and whether each model answered it correctly. */
    record Item(int index, String prompt, boolean weakOk, boolean strongOk) {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "../shared/eval-data/outcomes-mmlu.jsonl");
        int train = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        int test = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 42;
        List<String> algorithms = List.of((args.length > 4 ? args[4] : "knn").split(","));
        int k = args.length > 5 ? Integer.parseInt(args[5]) : 20;

        List<Item> items = read(data);
        Collections.shuffle(items, new Random(seed));
        if (train + test > items.size()) {
            throw new IllegalArgumentException("only " + items.size() + " items in " + data);
        }
        List<Item> learnFrom = items.subList(0, train);
        List<Item> heldOut = items.subList(train, train + test);
        Path kafkaDir = Files.createTempDirectory("switchboard-replay");
        LoadedConfig config = ConfigLoader.parse(template().replace("${K}", String.valueOf(k))
                .replace("${DATA_DIR}", kafkaDir.toAbsolutePath().toString()), "replay-mmlu.yaml");

        Vertx vertx = Vertx.vertx();
        Codecs.registerAll(vertx.eventBus());
        AtomicReference<LearnedState> learned = new AtomicReference<>(LearnedState.EMPTY);
        vertx.eventBus().<LearnedState>localConsumer(Addresses.ROUTER_LEARNING, m -> learned.set(m.body()))
                .completion().await(10, TimeUnit.SECONDS);
        vertx.deployVerticle(new EmbedderVerticle(config.config().global().embedding(), null),
                EmbedderVerticle.deploymentOptions(config.config().global().embedding())).await(60, TimeUnit.SECONDS);
        String learningRouter = vertx.deployVerticle(new RouterVerticle(RouterSettings.of(config.config()),
                config.revision(), null)).await(60, TimeUnit.SECONDS);
        vertx.deployVerticle(new FeedbackVerticle(FeedbackSettings.of(config.config()), null))
                .await(120, TimeUnit.SECONDS);

        System.out.printf("%s, %d cores, JVM %s; %s: %d items; seed %d; learn from %d, evaluate on %d held-out; "
                        + "algorithms %s (knn k=%d)%n", System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), data, items.size(),
                seed, train, test, algorithms, k);
        long began = System.nanoTime();
        learn(vertx, learnFrom);
        awaitExemplars(learned, 2L * train);
        System.out.printf("learned: %d exemplars in %.1f s%n", learned.get().exemplars().size(),
                (System.nanoTime() - began) / 1e9);
        vertx.undeploy(learningRouter).await(30, TimeUnit.SECONDS);

        Random random = new Random(seed);
        double randomCpt = 0;
        double randomApgr = 0;
        for (int run = 0; run < RANDOM_RUNS; run++) {
            double[] noise = random.doubles(test).toArray();
            Curve r = Curve.of(heldOut, noise);
            randomCpt += r.cpt95() / RANDOM_RUNS;
            randomApgr += r.apgr() / RANDOM_RUNS;
        }
        double weak = heldOut.stream().filter(Item::weakOk).count() / (double) test;
        double strong = heldOut.stream().filter(Item::strongOk).count() / (double) test;
        System.out.printf(Locale.ROOT, "held-out accuracy: weak %.3f, strong %.3f, target (95 %% of strong) %.3f%n",
                weak, strong, 0.95 * strong);
        StringBuilder table = new StringBuilder("| router | strong calls for 95 % of strong accuracy (CPT95) | APGR "
                + "| own choice: strong calls / accuracy |\n|---|---|---|---|\n");
        JsonArray results = new JsonArray();
        for (String algorithm : algorithms) {
            // The decision switched to the algorithm by its one line, as a user would.
            LoadedConfig switched = ConfigLoader.parse(template().replace("${K}", String.valueOf(k))
                    .replace("${DATA_DIR}", kafkaDir.toAbsolutePath().toString())
                    .replace("type: knn", "type: " + algorithm), "replay-mmlu.yaml (" + algorithm + ")");
            String router = vertx.deployVerticle(new RouterVerticle(RouterSettings.of(switched.config()),
                    switched.revision(), null)).await(60, TimeUnit.SECONDS);
            // A new router has seen no learned state yet: hand it the one the learning loop last published.
            vertx.eventBus().publish(Addresses.ROUTER_LEARNING, learned.get());
            began = System.nanoTime();
            Scored scored = score(vertx, heldOut);
            vertx.undeploy(router).await(30, TimeUnit.SECONDS);
            Curve curve = Curve.of(heldOut, scored.advantage());
            System.err.printf("scored %d held-out questions with %s in %.1f s%n", test, algorithm,
                    (System.nanoTime() - began) / 1e9);
            table.append(String.format(Locale.ROOT, "| Switchboard %s | %.1f %% | %.3f | %.1f %% / %.3f |%n",
                    algorithm, curve.cpt95() * 100, curve.apgr(), scored.strongShare() * 100, scored.accuracy()));
            results.add(new JsonObject().put("algorithm", algorithm).put("cpt95", curve.cpt95())
                    .put("apgr", curve.apgr()).put("strong_share", scored.strongShare())
                    .put("accuracy", scored.accuracy()));
        }
        table.append(String.format(Locale.ROOT, "| random (mean of %d) | %.1f %% | %.3f | |%n", RANDOM_RUNS,
                randomCpt * 100, randomApgr));
        System.out.print(table);
        System.out.println(new JsonObject().put("train", train).put("test", test).put("seed", seed).put("k", k)
                .put("weak_accuracy", weak).put("strong_accuracy", strong).put("algorithms", results)
                .put("random_cpt95", randomCpt).put("random_apgr", randomApgr).encode());
        vertx.close().await(60, TimeUnit.SECONDS);
    }

    /** Both models' answers to each training question, as routed requests with verdict feedback. */
    private static void learn(Vertx vertx, List<Item> items) throws InterruptedException {
        Semaphore slots = new Semaphore(CONCURRENCY);
        for (Item item : items) {
            slots.acquire();
            Future.all(teach(vertx, item, "weak", item.weakOk()), teach(vertx, item, "strong", item.strongOk()))
                    .onComplete(done -> {
                        if (done.failed()) {
                            System.err.println("item " + item.index() + ": " + done.cause());
                        }
                        slots.release();
                    });
        }
        slots.acquire(CONCURRENCY);
    }

    private static Future<?> teach(Vertx vertx, Item item, String model, boolean correct) {
        String requestId = "train-" + item.index() + "-" + model;
        return vertx.eventBus().<RouteDecision>request(Addresses.ROUTER_ROUTE, new RouteRequest(requestId, model,
                        item.prompt(), List.of(), item.prompt().length() / 4, null, null, false, "replay"),
                        new DeliveryOptions().setSendTimeout(120_000))
                .compose(routed -> FeedbackSubmitter.submitOnceRecorded(vertx, new FeedbackSubmission(requestId,
                        "verdict", null, null, null, correct ? "good_fit" : "failed", null, null)));
    }

    private static void awaitExemplars(AtomicReference<LearnedState> learned, long expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (learned.get().exemplars().size() < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + learned.get().exemplars().size() + " of " + expected
                        + " exemplars learned");
            }
            Thread.sleep(200);
        }
    }

    /**
     * What one algorithm did with the held-out questions.
     *
     * @param advantage   per question, the strong model's score minus the weak one's: the ranking
     * @param strongShare the share it sent to the strong model
     * @param accuracy    the accuracy of its own choices
     */
    record Scored(double[] advantage, double strongShare, double accuracy) {
    }

    /** Each held-out question routed as a dry run (nothing recorded). */
    private static Scored score(Vertx vertx, List<Item> items) throws Exception {
        double[] advantage = new double[items.size()];
        boolean[] strongChosen = new boolean[items.size()];
        Semaphore slots = new Semaphore(CONCURRENCY);
        for (int i = 0; i < items.size(); i++) {
            int index = i;
            Item item = items.get(i);
            slots.acquire();
            vertx.eventBus().<RouteDecision>request(Addresses.ROUTER_ROUTE, new RouteRequest("test-" + item.index(),
                            "mmlu", item.prompt(), List.of(), item.prompt().length() / 4, null, null, true, "replay"),
                            new DeliveryOptions().setSendTimeout(120_000))
                    .onComplete(reply -> {
                        try {
                            if (reply.succeeded()) {
                                advantage[index] = strongAdvantage(reply.result().body());
                                strongChosen[index] = "strong".equals(reply.result().body().selectedModel());
                            }
                        } finally {
                            slots.release();
                        }
                    });
        }
        slots.acquire(CONCURRENCY);
        int strong = 0;
        int correct = 0;
        for (int i = 0; i < items.size(); i++) {
            strong += strongChosen[i] ? 1 : 0;
            correct += (strongChosen[i] ? items.get(i).strongOk() : items.get(i).weakOk()) ? 1 : 0;
        }
        return new Scored(advantage, strong / (double) items.size(), correct / (double) items.size());
    }

    /** The strong candidate's score minus the weak one's. */
    private static double strongAdvantage(RouteDecision decision) {
        double strong = 0;
        double weak = 0;
        for (CandidateScore c : decision.candidates()) {
            if (c.model().equals("strong")) {
                strong = c.score();
            } else if (c.model().equals("weak")) {
                weak = c.score();
            }
        }
        return strong - weak;
    }

    /** Accuracy as a function of the share of questions sent to the strong model, best-scored first. */
    record Curve(double[] accuracy, double weak, double strong) {

        static Curve of(List<Item> items, double[] scores) {
            Integer[] order = new Integer[items.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -scores[i]));
            int n = items.size();
            int correct = (int) items.stream().filter(Item::weakOk).count();
            double[] accuracy = new double[n + 1];
            accuracy[0] = correct / (double) n;
            for (int k = 1; k <= n; k++) {
                Item moved = items.get(order[k - 1]);
                correct += (moved.strongOk() ? 1 : 0) - (moved.weakOk() ? 1 : 0);
                accuracy[k] = correct / (double) n;
            }
            return new Curve(accuracy, accuracy[0], accuracy[n]);
        }

        /** The smallest share of strong calls whose accuracy reaches 95 % of the strong model's. */
        double cpt95() {
            for (int k = 0; k < accuracy.length; k++) {
                if (accuracy[k] >= 0.95 * strong - 1e-12) {
                    return k / (double) (accuracy.length - 1);
                }
            }
            return 1;
        }

        /** Mean performance gap recovered over every share of strong calls. */
        double apgr() {
            double sum = 0;
            for (double a : accuracy) {
                sum += (a - weak) / (strong - weak);
            }
            return sum / accuracy.length;
        }
    }

    static List<Item> read(Path data) throws IOException {
        List<Item> items = new ArrayList<>();
        for (String line : Files.readAllLines(data, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonObject json = new JsonObject(line);
            items.add(new Item(items.size(), json.getString("prompt"), json.getBoolean("weak_ok"),
                    json.getBoolean("strong_ok")));
        }
        return items;
    }

    private static String template() throws IOException {
        try (InputStream in = ReplayBench.class.getResourceAsStream("/replay-mmlu.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
