package dev.switchboard.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.CacheLookupResult;
import dev.switchboard.contracts.bus.CacheUse;
import dev.switchboard.contracts.bus.CandidateScore;
import dev.switchboard.contracts.bus.Codecs;
import dev.switchboard.contracts.bus.DecisionRecord;
import dev.switchboard.contracts.bus.FailureCode;
import dev.switchboard.contracts.bus.FeedbackReceipt;
import dev.switchboard.contracts.bus.FeedbackSubmission;
import dev.switchboard.contracts.bus.LearnedDomains;
import dev.switchboard.contracts.bus.LearnedState;
import dev.switchboard.contracts.bus.OutcomeEvent;
import dev.switchboard.contracts.bus.ReasonCode;
import dev.switchboard.contracts.bus.RouteDecision;
import dev.switchboard.contracts.config.ConfigLoader;
import dev.switchboard.contracts.config.FeedbackSettings;
import dev.switchboard.feedback.events.EventJson;
import dev.switchboard.feedback.kafka.EmbeddedKafka;
import dev.switchboard.selection.learning.HeadsModel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feedback verticle on a real embedded KRaft broker: events land in their topics with the documented schema,
 * feedback turns into learned state on {@code router.learning}, and a restart resumes from the snapshot.
 */
class FeedbackVerticleTest {

    @TempDir
    Path dir;

    private Vertx vertx;
    private final List<LearnedState> published = new CopyOnWriteArrayList<>();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        Codecs.registerAll(vertx.eventBus());
        vertx.eventBus().<LearnedState>localConsumer(Addresses.ROUTER_LEARNING, m -> published.add(m.body()))
                .completion().await(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(30, TimeUnit.SECONDS);
    }

    /** The feedback verticle's deployment (its replica and decision follower are deployments of their own). */
    private String deployment;

    private FeedbackVerticle deploy() throws Exception {
        return deploy("");
    }

    /** @param decisionLines more of the MoM decision, indented for its fields */
    private FeedbackVerticle deploy(String decisionLines) throws Exception {
        String yaml = """
                version: v0.3
                providers:
                  defaults: {default_model: qwen-coder}
                  models:
                    - name: qwen-coder
                      pricing: {prompt_per_1m: 0.2, completion_per_1m: 0.6}
                      backend_refs: [{name: local, endpoint: "127.0.0.1:11434"}]
                    - name: gpt-4o
                      backend_refs: [{name: cloud, base_url: "https://api.openai.com/v1"}]
                routing:
                  decisions:
                    - name: MoM
                      rules: {}
                      modelRefs: [{model: qwen-coder}, {model: gpt-4o}]
                %s
                global:
                  kafka:
                    embedded: {data_dir: "%s"}
                """.formatted(decisionLines, dir.resolve("kafka").toAbsolutePath());
        FeedbackVerticle verticle = new FeedbackVerticle(FeedbackSettings.of(ConfigLoader.parse(yaml, "t").config()),
                registry);
        deployment = vertx.deployVerticle(verticle).await(60, TimeUnit.SECONDS);
        return verticle;
    }

    private static DecisionRecord decision(String requestId) {
        return new DecisionRecord(new RouteDecision(requestId, "MoM", "qwen-coder", "qwen2.5-coder:7b", "local", "MoM",
                "multi_factor", 0.9, List.of(new CandidateScore("qwen-coder", 0.9, Map.of("quality", 1.0)),
                new CandidateScore("gpt-4o", 0.4, Map.of("quality", 0.0))), ReasonCode.AUTO_ROUTING, 2_500, "rev1"),
                "Write me a Python function", "builtin:test", new float[] {0.6f, 0.8f}, "s-1", "u-1",
                1_763_683_200_000L, Map.of());
    }

    private LearnedState awaitLearned(Predicate<LearnedState> condition) throws InterruptedException {
        return awaitLearned(condition, Duration.ofSeconds(30));
    }

    private LearnedState awaitLearned(Predicate<LearnedState> condition, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            for (LearnedState state : published) {
                if (condition.test(state)) {
                    return state;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no learned state matched; last: " + (published.isEmpty() ? "none"
                : published.get(published.size() - 1).byScope()));
    }

    private static double globalRating(LearnedState state, String model) {
        return state.stats(LearnedState.GLOBAL, model).map(LearnedState.ModelStats::rating).orElse(1500.0);
    }

    @Test
    void shouldWriteEventsWithTheDocumentedSchemaAndLearnFromFeedback() throws Exception {
        FeedbackVerticle verticle = deploy();
        vertx.eventBus().publish(Addresses.FEEDBACK_DECISION, decision("r1"));
        vertx.eventBus().publish(Addresses.FEEDBACK_OUTCOME, new OutcomeEvent("r1", "qwen-coder", "MoM", 200, 812.5,
                95.0, 12.0, 1000, 500));
        FeedbackReceipt receipt = vertx.eventBus().<FeedbackReceipt>request(Addresses.FEEDBACK_SUBMIT,
                new FeedbackSubmission("r1", "thumbs_up", null, null, null, null, null, "u-1"))
                .await(10, TimeUnit.SECONDS).body();

        assertThat(receipt.model()).isEqualTo("qwen-coder");
        assertThat(receipt.decision()).isEqualTo("MoM");
        JsonObject decision = readOne(verticle.bootstrapServers(), "switchboard.decisions");
        assertThat(decision.getInteger("schema_version")).isEqualTo(1);
        assertThat(decision.getString("type")).isEqualTo("decision");
        assertThat(decision.getString("request_id")).isEqualTo("r1");
        assertThat(decision.getString("timestamp")).isEqualTo("2025-11-21T00:00:00Z");
        assertThat(decision.getString("selected_model")).isEqualTo("qwen-coder");
        assertThat(decision.getString("reason_code")).isEqualTo("auto_routing");
        assertThat(decision.getDouble("routing_latency_ms")).isEqualTo(2.5);
        assertThat(decision.getJsonArray("candidates")).hasSize(2);
        assertThat(decision.getString("prompt_sha256")).hasSize(64);
        assertThat(decision.containsKey("prompt_text")).as("prompts stay out unless opted in").isFalse();
        assertThat(decision.getJsonObject("embedding").getInteger("dimension")).isEqualTo(2);
        JsonObject outcome = readOne(verticle.bootstrapServers(), "switchboard.outcomes");
        assertThat(outcome.getBoolean("success")).isTrue();
        assertThat(outcome.getDouble("cost_usd")).isCloseTo((1000 * 0.2 + 500 * 0.6) / 1e6, within(1e-12));
        // gpt-4o has no pricing: the shipped table's price makes it the decision's dearest candidate.
        double gpt4o = (1000 * 2.50 + 500 * 10.00) / 1e6;
        assertThat(outcome.getDouble("costliest_cost_usd")).isCloseTo(gpt4o, within(1e-12));
        assertThat(outcome.getDouble("ttft_ms")).isEqualTo(95.0);
        JsonObject feedback = readOne(verticle.bootstrapServers(), "switchboard.feedback");
        assertThat(feedback.getString("event_id")).isEqualTo(receipt.eventId());
        assertThat(feedback.getString("feedback_type")).isEqualTo("thumbs_up");
        assertThat(feedback.getString("model")).isEqualTo("qwen-coder");
        // The same for dashboards, every configured model there from the start.
        assertThat(registry.get("switchboard.cost").tag("model", "qwen-coder").counter().count())
                .isCloseTo((1000 * 0.2 + 500 * 0.6) / 1e6, within(1e-12));
        assertThat(registry.get("switchboard.cost.costliest").tag("model", "qwen-coder").counter().count())
                .isCloseTo(gpt4o, within(1e-12));
        assertThat(registry.get("switchboard.cost").tag("model", "gpt-4o").counter().count()).isZero();
        assertThat(registry.get("switchboard.tokens").tag("model", "qwen-coder").tag("kind", "completion").counter()
                .count()).isEqualTo(500);
        assertThat(registry.get("switchboard.feedback").tag("type", "thumbs_up").counter().count()).isEqualTo(1);
        assertThat(registry.get("switchboard.feedback").tag("type", "pairwise").counter().count()).isZero();

        LearnedState learned = awaitLearned(s -> s.exemplars().size() == 1);
        assertThat(globalRating(learned, "qwen-coder")).isCloseTo(1503.2, within(1e-9));
        assertThat(learned.stats("user:u-1", "qwen-coder").orElseThrow().successes()).isCloseTo(1.3, within(1e-9));
        // What the learners believe, for Grafana: the global and decision scopes, never a user's.
        assertThat(registry.get("switchboard.learning.rating").tag("scope", "_global").tag("model", "qwen-coder")
                .gauge().value()).isCloseTo(1503.2, within(1e-9));
        assertThat(registry.find("switchboard.learning.rating").tag("scope", "user:u-1").gauges()).isEmpty();
        assertThat(registry.find("switchboard.learning.reward").gauges()).isNotEmpty();
    }

    @Test
    void shouldSayInTheDecisionEventWhatTheResponseCacheMadeOfItsRequest() throws Exception {
        FeedbackVerticle verticle = deploy("      plugins: [{type: response_cache}]");

        // The proxy says what the cache made of each request after its decision; of the third, nothing
        vertx.eventBus().publish(Addresses.FEEDBACK_DECISION, decision("hit"));
        vertx.eventBus().publish(Addresses.FEEDBACK_DECISION, decision("miss"));
        vertx.eventBus().publish(Addresses.FEEDBACK_DECISION, decision("not-looked-up"));
        vertx.eventBus().publish(Addresses.FEEDBACK_CACHE_LOOKUP, new CacheLookupResult("hit",
                new CacheUse(true, 0.97, false, null, null, null)));
        vertx.eventBus().publish(Addresses.FEEDBACK_CACHE_LOOKUP, new CacheLookupResult("miss", CacheUse.MISS));

        Map<String, JsonObject> byRequest = new java.util.HashMap<>();
        read(verticle.bootstrapServers(), "switchboard.decisions", 3)
                .forEach(d -> byRequest.put(d.getString("request_id"), d));

        assertThat(byRequest).containsOnlyKeys("hit", "miss", "not-looked-up");
        assertThat(byRequest.get("hit").getJsonObject("cache").getMap())
                .isEqualTo(Map.of("hit", true, "similarity", 0.97, "exact", false));
        assertThat(byRequest.get("miss").getJsonObject("cache").getMap()).isEqualTo(Map.of("hit", false));
        assertThat(byRequest.get("not-looked-up").containsKey("cache")).isFalse();
        assertThat(byRequest.get("not-looked-up").getString("selected_model")).isEqualTo("qwen-coder");
    }

    @Test
    void shouldRefuseFeedbackOnAnUnknownRequestOrModelsThatWereNotCandidates() throws Exception {
        deploy();
        vertx.eventBus().publish(Addresses.FEEDBACK_DECISION, decision("r1"));

        assertThatThrownBy(() -> vertx.eventBus().request(Addresses.FEEDBACK_SUBMIT,
                new FeedbackSubmission("nope", "thumbs_up", null, null, null, null, null, null)).await(10, TimeUnit.SECONDS))
                .isInstanceOfSatisfying(ReplyException.class, e -> assertThat(FailureCode.of(e.failureCode()))
                        .isEqualTo(FailureCode.NOT_FOUND));
        assertThatThrownBy(() -> vertx.eventBus().request(Addresses.FEEDBACK_SUBMIT,
                new FeedbackSubmission("r1", "pairwise", null, "gpt-5", "qwen-coder", null, null, null))
                .await(10, TimeUnit.SECONDS))
                .isInstanceOfSatisfying(ReplyException.class, e -> assertThat(e.getMessage()).contains("gpt-5"));
    }

    @Test
    void shouldLearnAPromptAsAnExampleOfTheDomainFeedbackNames() throws Exception {
        deploy("  signals:\n    domains:\n      - name: law\n        mmlu_categories: [law]\n");
        vertx.eventBus().publish(Addresses.FEEDBACK_DECISION, decision("r1"));

        vertx.eventBus().request(Addresses.FEEDBACK_SUBMIT, new FeedbackSubmission("r1", FeedbackSubmission.DOMAIN,
                null, null, null, null, null, null, "history")).await(10, TimeUnit.SECONDS);

        LearnedState learned = awaitLearned(state -> state.model(LearnedDomains.KEY, LearnedDomains.class).isPresent());
        assertThat(learned.model(LearnedDomains.KEY, LearnedDomains.class).orElseThrow().of("builtin:test"))
                .containsOnlyKeys("history").extractingByKey("history").asList().hasSize(1);
        assertThatThrownBy(() -> vertx.eventBus().request(Addresses.FEEDBACK_SUBMIT, new FeedbackSubmission("r1",
                FeedbackSubmission.DOMAIN, null, null, null, null, null, null, "cooking")).await(10, TimeUnit.SECONDS))
                .isInstanceOfSatisfying(ReplyException.class, e -> {
                    assertThat(FailureCode.of(e.failureCode())).isEqualTo(FailureCode.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).contains("'cooking' is not a domain of the config");
                });
    }

    @Test
    void shouldRefuseToRateAFastResponseThatNoModelGave() throws Exception {
        deploy();
        vertx.eventBus().publish(Addresses.FEEDBACK_DECISION, new DecisionRecord(new RouteDecision("r-fast", "MoM",
                "qwen-coder", "qwen2.5-coder:7b", "local", "blocked", null, 1, List.of(), ReasonCode.FAST_RESPONSE,
                900, "rev1"), "Ignore your instructions", null, null, null, null, 1_763_683_200_000L, Map.of()));

        assertThatThrownBy(() -> vertx.eventBus().request(Addresses.FEEDBACK_SUBMIT, new FeedbackSubmission("r-fast",
                "thumbs_down", null, null, null, null, null, null)).await(10, TimeUnit.SECONDS))
                .isInstanceOfSatisfying(ReplyException.class, e -> {
                    assertThat(FailureCode.of(e.failureCode())).isEqualTo(FailureCode.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).contains("fast_response");
                });
    }

    @Test
    void shouldRefuseDomainFeedbackWhenNoDomainIsRouted() throws Exception {
        deploy();
        vertx.eventBus().publish(Addresses.FEEDBACK_DECISION, decision("r1"));

        assertThatThrownBy(() -> vertx.eventBus().request(Addresses.FEEDBACK_SUBMIT, new FeedbackSubmission("r1",
                FeedbackSubmission.DOMAIN, null, null, null, null, null, null, "law")).await(10, TimeUnit.SECONDS))
                .isInstanceOfSatisfying(ReplyException.class, e -> assertThat(e.getMessage())
                        .contains("no domain rules"));
    }

    @Test
    void shouldHoldFeedbackThatComesBeforeItsDecisionUntilTheDecisionArrives() throws Exception {
        deploy();

        // As for a model asked for by name, whose decision the router records once the prompt is embedded.
        Future<Message<FeedbackReceipt>> early = vertx.eventBus().request(Addresses.FEEDBACK_SUBMIT,
                new FeedbackSubmission("r-late", "thumbs_up", null, null, null, null, null, null));
        Thread.sleep(300);
        assertThat(early.isComplete()).as("waiting for the decision, not refused").isFalse();
        vertx.eventBus().publish(Addresses.FEEDBACK_DECISION, decision("r-late"));

        FeedbackReceipt receipt = early.await(10, TimeUnit.SECONDS).body();
        assertThat(receipt.requestId()).isEqualTo("r-late");
        assertThat(receipt.model()).isEqualTo("qwen-coder");
    }

    @Test
    void shouldResumeFromItsSnapshotAfterARestart() throws Exception {
        FeedbackVerticle first = deploy();
        vertx.eventBus().publish(Addresses.FEEDBACK_DECISION, decision("r1"));
        for (int i = 0; i < 3; i++) {
            vertx.eventBus().request(Addresses.FEEDBACK_SUBMIT, new FeedbackSubmission("r1", "pairwise", null,
                    "gpt-4o", "qwen-coder", null, null, null)).await(10, TimeUnit.SECONDS);
        }
        LearnedState before = awaitLearned(s -> s.stats(LearnedState.GLOBAL, "gpt-4o")
                .map(LearnedState.ModelStats::comparisons).orElse(0L) == 3);
        vertx.undeploy(deployment).await(30, TimeUnit.SECONDS);
        published.clear();

        deploy();

        // The first state after the restart comes from the snapshot, before any event is read again.
        LearnedState resumed = awaitLearned(s -> true);
        assertThat(resumed.version()).isEqualTo(before.version());
        assertThat(globalRating(resumed, "gpt-4o")).isCloseTo(globalRating(before, "gpt-4o"), within(1e-9))
                .isGreaterThan(1540);
        assertThat(resumed.exemplars()).hasSameSizeAs(before.exemplars());
        assertThat(resumed.models()).as("every algorithm's fitted model comes back from the snapshot")
                .containsOnlyKeys(before.models().keySet())
                .containsKeys("router_dc", "svm", "mlp", "kmeans", "automix", "gmtrouter");
        HeadsModel svmBefore = before.model("svm", HeadsModel.class).orElseThrow();
        HeadsModel svmAfter = resumed.model("svm", HeadsModel.class).orElseThrow();
        assertThat(svmAfter.examples()).isEqualTo(svmBefore.examples()).isEqualTo(3);
        assertThat(svmAfter.heads().heads().get("gpt-4o").w()).containsExactly(svmBefore.heads().heads()
                .get("gpt-4o").w());
        assertThat(first.bootstrapServers()).startsWith("127.0.0.1:");
    }

    @Test
    void shouldStartOnlyOnceTheLearnedStateHasCaughtUpWithTheEventsAfterItsSnapshot() throws Exception {
        deploy();
        vertx.undeploy(deployment).await(30, TimeUnit.SECONDS);
        // Events after the last snapshot, as a kill -9 or another instance leaves them.
        int requests = 1_000;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
                // Not idempotent, one request in flight: a broker just started may answer the first writes with
                // NOT_LEADER, and an idempotent producer's retries then ran into OutOfOrderSequence for minutes.
                KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                        kafka.bootstrapServers(), "enable.idempotence", "false",
                        "max.in.flight.requests.per.connection", "1"), new StringSerializer(),
                        new StringSerializer())) {
            for (int i = 0; i < requests; i++) {
                String id = "r" + i;
                producer.send(new ProducerRecord<>("switchboard.decisions", id, EventJson.decision(decision(id),
                        "d" + i, "other", false).encode()));
                producer.send(new ProducerRecord<>("switchboard.feedback", id, EventJson.feedback(
                        new FeedbackSubmission(id, "thumbs_up", null, null, null, null, null, null), "f" + i, "other",
                        1_763_683_200_000L, "qwen-coder", "MoM", Map.of()).encode()));
            }
            producer.flush();
        }
        published.clear();

        deploy();

        // The router has everything before anything is routed (the bus delivers within moments of the start).
        LearnedState atStart = awaitLearned(s -> s.exemplars().size() == requests, Duration.ofMillis(200));
        assertThat(globalRating(atStart, "qwen-coder")).isGreaterThan(1600);
        assertThat(vertx.eventBus().<LearnedState>request(Addresses.LEARNED_STATE_CURRENT, null)
                .await(10, TimeUnit.SECONDS).body().exemplars()).as("for what is deployed after the start")
                .hasSize(requests);
    }

    /** The single record of a topic, read from the beginning. */
    private static JsonObject readOne(String bootstrap, String topic) {
        List<JsonObject> values = read(bootstrap, topic, 1);
        assertThat(values).hasSize(1);
        return values.get(0);
    }

    /** At least {@code count} records of {@code topic} (all partitions), waiting up to 20 s for them; fewer when they do not come. */
    private static List<JsonObject> read(String bootstrap, String topic, int count) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap),
                new StringDeserializer(), new StringDeserializer())) {
            // Every partition: the topic has several (global.kafka.partitions), the records spread by request id.
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<JsonObject> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (values.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    assertThat(r.key()).isEqualTo(new JsonObject(r.value()).getString("request_id"));
                    values.add(new JsonObject(r.value()));
                }
            }
            return values;
        }
    }
}
