package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.config.ConfigLoader;
import dev.switchboard.feedback.kafka.EmbeddedKafka;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The response cache's backends across instances and restarts, with whole Switchboards (the default embedding
 * model, the router, the feedback verticle, the proxy) on one real Kafka broker, and a backend on 127.0.0.1 that
 * numbers its answers, so that a replay is told from a fresh answer. With {@code backend_type: kafka} one instance
 * fills and another hits, and an instance started later gets back what is still live; with {@code memory} each
 * instance has its own answers and a restart starts empty.
 */
class SharedResponseCacheTest {

    private static final String PROMPT = "When did Ada Lovelace write the first computer program?";
    private static final String CONTROL = "x-vsr-cache-control";

    @TempDir
    Path dir;
    private EmbeddedKafka kafka;
    private NumberedBackend backend;
    private final List<Switchboard> running = new ArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() throws Exception {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        backend = new NumberedBackend();
    }

    @AfterEach
    void stop() throws Exception {
        for (Switchboard switchboard : running) {
            switchboard.stop().await(30, TimeUnit.SECONDS);
        }
        backend.close();
        kafka.close();
    }

    private Switchboard instance(String name, String backendType) throws Exception {
        Path config = dir.resolve(name + ".yaml");
        Files.writeString(config, backend.config("""
                      plugins:
                        - type: response_cache
                          configuration:
                            scope: global
                            request_controls: {enabled: true, allowed: [no-store, no-cache]}
                global:
                  services: {http: {port: 0}, extproc: {port: 0}, drain_timeout: 1s}
                  stores:
                    response_cache: {backend_type: %s}
                  kafka:
                    bootstrap_servers: "%s"
                """.formatted(backendType, kafka.bootstrapServers())));
        Switchboard switchboard = Switchboard.start(config, ConfigLoader.load(config)).await(90, TimeUnit.SECONDS);
        running.add(switchboard);
        return switchboard;
    }

    private void stopInstance(Switchboard switchboard) throws Exception {
        switchboard.stop().await(30, TimeUnit.SECONDS);
        running.remove(switchboard);
    }

    private HttpResponse<String> ask(Switchboard switchboard, String prompt, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + switchboard.httpPort()
                        + "/v1/chat/completions")).timeout(Duration.ofSeconds(20))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("model", "MoM")
                        .put("messages", new JsonArray().add(new JsonObject().put("role", "user")
                                .put("content", prompt))).encode()));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String cache(HttpResponse<String> response) {
        return response.headers().firstValue("x-switchboard-cache").orElse("none");
    }

    private static String content(HttpResponse<String> response) {
        return new JsonObject(response.body()).getJsonArray("choices").getJsonObject(0).getJsonObject("message")
                .getString("content");
    }

    /**
     * Asks {@code switchboard} until the cache answers, for at most 20 s. The asks that miss say {@code no-store},
     * so that a hit can only be an answer another instance kept.
     */
    private HttpResponse<String> awaitHit(Switchboard switchboard, String prompt) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        HttpResponse<String> response = ask(switchboard, prompt, CONTROL, "no-store");
        while (!"hit".equals(cache(response)) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            response = ask(switchboard, prompt, CONTROL, "no-store");
        }
        return response;
    }

    @Test
    void shouldAnswerFromTheOtherInstancesCacheAndGiveItBackToAnInstanceStartedLater() throws Exception {
        // Given two instances sharing the cache through Kafka, and an answer that one of them kept
        Switchboard first = instance("first", "kafka");
        Switchboard second = instance("second", "kafka");
        HttpResponse<String> filled = ask(first, PROMPT);
        assertThat(cache(filled)).isEqualTo("miss");
        assertThat(content(filled)).isEqualTo("answer 1");

        // When the other one is asked, and then a third one, started after both have stopped
        HttpResponse<String> fromSecond = awaitHit(second, PROMPT);
        stopInstance(first);
        stopInstance(second);
        Switchboard third = instance("third", "kafka");
        HttpResponse<String> fromThird = awaitHit(third, PROMPT);

        // Then both answer with the first instance's answer, without calling the model for it
        assertThat(cache(fromSecond)).isEqualTo("hit");
        assertThat(fromSecond.headers().firstValue("x-switchboard-cache-similarity")).contains("1.0000");
        assertThat(content(fromSecond)).isEqualTo("answer 1");
        assertThat(cache(fromThird)).isEqualTo("hit");
        assertThat(content(fromThird)).isEqualTo("answer 1");
        // And the topic holds the answer, but nothing of the prompt: not its words, nor the name the guard checks
        assertThat(topicRecords()).isNotEmpty().allSatisfy(record -> assertThat(record)
                .contains("response_cache_entry").doesNotContainIgnoringCase("lovelace", "computer", "program"));
    }

    private List<String> topicRecords() {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            TopicPartition partition = new TopicPartition("switchboard.response-cache", 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<String> values = new ArrayList<>();
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
            }
            return values;
        }
    }

    @Test
    void shouldKeepEachInstancesAnswersToItselfAndStartEmptyWithTheMemoryBackend() throws Exception {
        // Given an answer kept by one instance with the memory backend, which a repeat shows it serves
        Switchboard first = instance("first", "memory");
        Switchboard second = instance("second", "memory");
        ask(first, PROMPT);
        assertThat(cache(ask(first, PROMPT))).isEqualTo("hit");

        // When the other instance is asked, and the first after a restart
        Thread.sleep(1_000);
        HttpResponse<String> fromSecond = ask(second, PROMPT, CONTROL, "no-store");
        stopInstance(first);
        HttpResponse<String> afterRestart = ask(instance("restarted", "memory"), PROMPT);

        // Then both go to the model
        assertThat(cache(fromSecond)).isEqualTo("miss");
        assertThat(content(fromSecond)).isEqualTo("answer 2");
        assertThat(cache(afterRestart)).isEqualTo("miss");
        assertThat(content(afterRestart)).isEqualTo("answer 3");
    }
}
