package dev.switchboard.bench;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.CandidateScore;
import dev.switchboard.contracts.bus.Codecs;
import dev.switchboard.contracts.bus.DecisionRecord;
import dev.switchboard.contracts.bus.FeedbackSubmission;
import dev.switchboard.contracts.bus.LearnedState;
import dev.switchboard.contracts.bus.OutcomeEvent;
import dev.switchboard.contracts.bus.ReasonCode;
import dev.switchboard.contracts.bus.RouteDecision;
import dev.switchboard.contracts.config.ConfigLoader;
import dev.switchboard.contracts.config.FeedbackSettings;
import dev.switchboard.contracts.config.KafkaConfig;
import dev.switchboard.feedback.FeedbackVerticle;
import dev.switchboard.feedback.events.EventJson;
import dev.switchboard.feedback.events.OutcomeCost;
import dev.switchboard.feedback.kafka.LocalKafkaCluster;
import dev.switchboard.feedback.kafka.Topics;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Learning scaled out (issue 19): a three-broker KRaft cluster in this JVM, event topics of six partitions, a
 * history of synthetic events (each request a decision with a 64-dimension embedding, an outcome and one piece of
 * feedback: thumbs up or down, a rating or a pairwise game; 1 % of the events written twice, as a producer retrying
 * after an outage does), then three Switchboard feedback verticles (each its own Vert.x, as three instances are)
 * that learn it together on Kafka Streams. Reported: learning throughput (unique events over the time from the
 * instances' start until every instance routes on all of them), whether every instance holds the same state and
 * the exact counts (version = unique events; global Elo comparisons = those the feedback makes), the lag from a piece of feedback to
 * every instance routing on it (p50/p99), and the time from start to ready for a new instance on this history. With
 * {@code faults}: during the replay one instance is stopped and started again and one broker stopped and started
 * again, while feedback keeps being given to another instance (each answer counted).
 *
 * <p>Usage: {@code java -Xmx6g -jar bench/target/switchboard-bench.jar learning-scale [events] [lag samples] [faults]}
 * (default 30000, 100, faults).
 */
public final class LearningScaleBench {

    private static final int INSTANCES = 3;
    private static final int DIMENSIONS = 64;
    private static final String CONFIG = """
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
              learning: {catch_up_timeout: %s}
            """;

    private LearningScaleBench() {
    }

    /** One instance: a Vert.x with its feedback verticle, and the learned state its routers last got. */
    private record Instance(Vertx vertx, AtomicReference<LearnedState> learned) {

        static Instance start(String bootstrap, String catchUpTimeout) throws Exception {
            Vertx vertx = Vertx.vertx();
            Codecs.registerAll(vertx.eventBus());
            AtomicReference<LearnedState> learned = new AtomicReference<>(LearnedState.EMPTY);
            vertx.eventBus().<LearnedState>localConsumer(Addresses.ROUTER_LEARNING, m -> learned.set(m.body()))
                    .completion().await(10, TimeUnit.SECONDS);
            vertx.deployVerticle(new FeedbackVerticle(FeedbackSettings.of(ConfigLoader.parse(
                    CONFIG.formatted(bootstrap, catchUpTimeout), "bench").config()), null))
                    .await(20, TimeUnit.MINUTES);
            return new Instance(vertx, learned);
        }

        long version() {
            return learned.get().version();
        }

        void close() throws Exception {
            vertx.close().await(60, TimeUnit.SECONDS);
        }
    }

    /**
     * What was written: events (each once), and the Elo comparisons they make in the global scope (a pairwise game
     * counts one for each of its two models, a thumbs or a rating one for the model rated).
     */
    private record History(long events, long comparisons) {
    }

    public static void main(String[] args) throws Exception {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 30_000;
        int lagSamples = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        boolean faults = args.length <= 2 || args[2].equals("faults");
        Path dir = Files.createTempDirectory("switchboard-learning-scale");
        System.out.printf(Locale.ROOT, "%d cores, max heap %d MiB, JVM %s; %d events of history, %d instances, "
                        + "3 brokers, %d partitions, faults %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"), events, INSTANCES,
                KafkaConfig.DEFAULT_PARTITIONS, faults);
        try (LocalKafkaCluster kafka = LocalKafkaCluster.start(dir, 3)) {
            String bootstrap = kafka.bootstrapServers();
            KafkaConfig.KafkaTopics topics = new KafkaConfig(bootstrap, null, null, null, null).topics();
            Topics.ensure(bootstrap, topics, KafkaConfig.DEFAULT_PARTITIONS, null, 30);
            long began = System.nanoTime();
            History history = write(bootstrap, topics, events);
            System.out.printf(Locale.ROOT, "history written: %d events (+%d duplicates) in %.1f s%n",
                    history.events(), Math.round(history.events() * 0.01), seconds(began));

            List<Instance> instances = new ArrayList<>();
            began = System.nanoTime();
            for (int i = 0; i < INSTANCES; i++) {
                instances.add(Instance.start(bootstrap, "1s"));
            }
            long extra = 0;
            long extraComparisons = 0;
            int failures = 0;
            int given = 0;
            if (faults) {
                awaitAll(instances, v -> v >= history.events() / 3, "a third of the replay");
                instances.get(2).close();
                System.out.printf(Locale.ROOT, "fault: instance 3 stopped at %.1f s%n", seconds(began));
                for (int i = 0; i < 20; i++, given++) {
                    failures += give(instances.get(0).vertx(), "f" + i, i % 2 == 0) ? 0 : 1;
                }
                instances.set(2, Instance.start(bootstrap, "1s"));
                System.out.printf(Locale.ROOT, "fault: instance 3 started again at %.1f s%n", seconds(began));
                awaitAll(instances, v -> v >= 2 * history.events() / 3, "two thirds of the replay");
                kafka.stop(1);
                System.out.printf(Locale.ROOT, "fault: broker 2 stopped at %.1f s%n", seconds(began));
                for (int i = 20; i < 40; i++, given++) {
                    failures += give(instances.get(0).vertx(), "f" + i, i % 2 == 0) ? 0 : 1;
                }
                kafka.restart(1);
                System.out.printf(Locale.ROOT, "fault: broker 2 started again at %.1f s%n", seconds(began));
                extra = 2L * given;
                extraComparisons = 3L * given / 2; // half pairwise (2 each), half thumbs up (1 each)
            }
            long expected = history.events() + extra;
            awaitAll(instances, v -> v >= expected, "the whole replay");
            double replaySeconds = seconds(began);
            Thread.sleep(1_000); // nothing more should come: a double count would show now
            System.out.printf(Locale.ROOT, "learned: %d events in %.1f s by %d instances: %.0f events/s%n", expected,
                    replaySeconds, INSTANCES, expected / replaySeconds);
            if (faults) {
                System.out.printf(Locale.ROOT, "feedback given during the faults: %d, failed %d%n", given, failures);
            }
            report(instances, expected, history.comparisons() + extraComparisons);

            long[] lags = new long[lagSamples];
            for (int i = 0; i < lagSamples; i++) {
                long target = instances.get(0).version() + 2; // its decision and its feedback
                long sent = System.nanoTime();
                give(instances.get(i % INSTANCES).vertx(), "lag" + i, false);
                awaitAll(instances, v -> v >= target, "feedback " + i + " learned everywhere");
                lags[i] = System.nanoTime() - sent;
            }
            Arrays.sort(lags);
            System.out.printf(Locale.ROOT, "lag from feedback to every instance routing on it (%d samples): p50 %d "
                            + "ms, p99 %d ms (decision then feedback, given to the instances in turn)%n", lagSamples,
                    lags[lagSamples / 2] / 1_000_000, lags[Math.min(lagSamples - 1, lagSamples * 99 / 100)] / 1_000_000);

            for (Instance instance : instances) {
                instance.close();
            }
            long total = expected + 2L * lagSamples;
            began = System.nanoTime();
            Instance restarted = Instance.start(bootstrap, "10m");
            double ready = (System.nanoTime() - began) / 1e6;
            System.out.printf(Locale.ROOT, "restart: a new instance ready in %.0f ms on %d events of history, "
                    + "learned state at ready: version %d of %d%n", ready, total, restarted.version(), total);
            restarted.close();
        }
    }

    /** Writes the history with a plain producer, keyed by request id, decision first. */
    private static History write(String bootstrap, KafkaConfig.KafkaTopics topics, long events) throws Exception {
        Random random = new Random(19);
        long written = 0;
        long comparisons = 0;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                new StringSerializer(), new StringSerializer())) {
            List<ProducerRecord<String, String>> recent = new ArrayList<>();
            for (long request = 0; written < events; request++) {
                String id = "h" + request;
                float[] vector = new float[DIMENSIONS];
                for (int d = 0; d < DIMENSIONS; d++) {
                    vector[d] = (float) random.nextGaussian();
                }
                boolean large = random.nextBoolean();
                String model = large ? "large" : "small";
                String user = "u" + random.nextInt(5_000);
                List<ProducerRecord<String, String>> three = List.of(
                        new ProducerRecord<>(topics.decisions(), id, EventJson.decision(decision(id, model, vector,
                                user), UUID.randomUUID().toString(), "bench", false).encode()),
                        new ProducerRecord<>(topics.outcomes(), id, EventJson.outcome(new OutcomeEvent(id, model, "MoM",
                                random.nextInt(10) == 0 ? 503 : 200, 100, null, null, null, null),
                                UUID.randomUUID().toString(), "bench", System.currentTimeMillis(),
                                new OutcomeCost(null, null, null)).encode()),
                        new ProducerRecord<>(topics.feedback(), id, EventJson.feedback(feedback(id, random, model),
                                UUID.randomUUID().toString(), "bench", System.currentTimeMillis(), model, "MoM",
                                Map.of("small", 0.0, "large", 1.0)).encode()));
                for (ProducerRecord<String, String> record : three) {
                    producer.send(record);
                    recent.add(record);
                }
                comparisons += three.get(2).value().contains("\"pairwise\"") ? 2 : 1;
                written += 3;
                // 1 % written twice, a little later, as a producer that retried after an outage writes them.
                if (recent.size() >= 300) {
                    for (int i = 0; i < 3; i++) {
                        producer.send(recent.get(random.nextInt(recent.size())));
                    }
                    recent.clear();
                }
            }
            producer.flush();
        }
        return new History(written, comparisons);
    }

    private static DecisionRecord decision(String id, String model, float[] vector, String user) {
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        float[] unit = vector.clone();
        for (int d = 0; d < unit.length; d++) {
            unit[d] /= (float) Math.sqrt(norm);
        }
        return new DecisionRecord(new RouteDecision(id, "MoM", model, model, "b", "MoM", "rl_driven", 0.5,
                List.of(new CandidateScore("small", 0.5, Map.of()), new CandidateScore("large", 0.4, Map.of())),
                ReasonCode.AUTO_ROUTING, 1_000, "rev"), "prompt " + id, "bench-embedding", unit, null, user,
                System.currentTimeMillis(), Map.of());
    }

    private static FeedbackSubmission feedback(String id, Random random, String model) {
        return switch (random.nextInt(4)) {
            case 0 -> new FeedbackSubmission(id, "thumbs_up", null, null, null, null, null, null);
            case 1 -> new FeedbackSubmission(id, "thumbs_down", null, null, null, null, null, null);
            case 2 -> new FeedbackSubmission(id, "rating", random.nextDouble(), null, null, null, null, null);
            default -> new FeedbackSubmission(id, "pairwise", null, model.equals("large") ? "large" : "small",
                    model.equals("large") ? "small" : "large", null, null, null);
        };
    }

    /** A live request routed and rated on {@code vertx}: its decision, then pairwise feedback or a thumbs up. */
    private static boolean give(Vertx vertx, String id, boolean pairwise) {
        vertx.eventBus().publish(Addresses.FEEDBACK_DECISION, decision(id, "small", unitX(), null));
        try {
            vertx.eventBus().request(Addresses.FEEDBACK_SUBMIT, pairwise
                    ? new FeedbackSubmission(id, "pairwise", null, "large", "small", null, null, null)
                    : new FeedbackSubmission(id, "thumbs_up", null, null, null, null, null, null))
                    .await(10, TimeUnit.SECONDS);
            return true;
        } catch (Exception failed) {
            return false;
        }
    }

    private static float[] unitX() {
        float[] vector = new float[DIMENSIONS];
        vector[0] = 1;
        return vector;
    }

    private static void awaitAll(List<Instance> instances, Predicate<Long> version, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        while (!instances.stream().allMatch(i -> version.test(i.version()))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    private static void report(List<Instance> instances, long events, long comparisons) {
        LearnedState reference = instances.get(0).learned().get();
        boolean equal = true;
        for (Instance instance : instances) {
            LearnedState state = instance.learned().get();
            equal &= state.version() == reference.version() && state.byScope().equals(reference.byScope())
                    && state.exemplars().stream().map(LearnedState.Exemplar::sequence).toList().equals(
                            reference.exemplars().stream().map(LearnedState.Exemplar::sequence).toList());
        }
        long counted = reference.byScope().get(LearnedState.GLOBAL).values().stream()
                .mapToLong(LearnedState.ModelStats::comparisons).sum();
        System.out.printf(Locale.ROOT, "states of the %d instances equal (version, every counter of %d scopes, "
                        + "exemplar sequences): %s; version %d for %d events written once: %s; global Elo "
                        + "comparisons %d for %d expected: %s%n", instances.size(), reference.byScope().size(), equal,
                reference.version(), events, reference.version() == events ? "exact" : "DIFFERS", counted,
                comparisons, counted == comparisons ? "exact" : "DIFFERS");
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
