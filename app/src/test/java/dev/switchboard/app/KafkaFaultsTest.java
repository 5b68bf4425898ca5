package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.contracts.config.ConfigLoader;
import dev.switchboard.feedback.kafka.EmbeddedKafka;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.LogCapture;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.ServerSocket;
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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's Kafka cluster (a real KRaft broker of its own, reached through {@code bootstrap_servers}) away at start
 * or going away under load: every chat request is still routed and answered, events wait in the bounded buffer, the
 * drops beyond it are logged once with their count, and when the cluster returns the buffer drains. Needs the stub
 * backend of {@code tools/} (skipped without node; CI installs it).
 */
class KafkaFaultsTest {

    /** Small enough that a few hundred requests overflow it. */
    private static final int BUFFER = 100;
    private static final Pattern SAMPLE = Pattern.compile("^(switchboard_kafka_events_\\w+?)(?:_total)? (\\S+)$",
            Pattern.MULTILINE);

    @TempDir
    Path dir;

    private final LogCapture logs = new LogCapture();
    private final HttpClient client = HttpClient.newHttpClient();
    private Optional<StubBackend> stub = Optional.empty();
    private Switchboard switchboard;
    private EmbeddedKafka cluster;

    @BeforeEach
    void startStub() throws Exception {
        stub = StubBackend.start(dir);
    }

    @AfterEach
    void stopAll() throws Exception {
        if (switchboard != null) {
            switchboard.stop().await(20, TimeUnit.SECONDS);
        }
        if (cluster != null) {
            cluster.close();
        }
        if (stub.isPresent()) {
            stub.get().close();
        }
        logs.close();
    }

    @Test
    void shouldRouteEveryRequestWhileTheClusterGoesAwayAndCatchUpWhenItReturns() throws Exception {
        assumeTrue(stub.isPresent(), "node and tools/node_modules are needed (npm ci --prefix tools)");
        int port = freePort();
        cluster = EmbeddedKafka.start(dir.resolve("cluster"), port);
        start("127.0.0.1:" + port);
        assertThat(chats(20)).as("statuses with the cluster up").containsOnly(200);
        Await.until(() -> events().get("sent") >= 40, "the first decisions and outcomes acknowledged");
        double sentBefore = events().get("sent");

        cluster.close();
        cluster = null;
        List<Integer> during = chats(200);

        assertThat(during).as("statuses with the cluster away").hasSize(200).containsOnly(200);
        Await.until(() -> events().get("dropped") > 0, "the buffer overflowed");
        assertThat(events().get("buffered")).isLessThanOrEqualTo(BUFFER);
        assertThat(logs.withMessage("kafka_events_dropped")).as("one line in the first minute of drops")
                .singleElement().satisfies(line -> assertThat(line).containsEntry("buffer_capacity",
                        String.valueOf(BUFFER)));

        cluster = EmbeddedKafka.start(dir.resolve("cluster"), port);
        Await.until(() -> events().get("buffered") == 0 && events().get("in_flight") == 0 && events().get("sent")
                >= sentBefore + BUFFER, "the buffer drained into the returned cluster");
        assertThat(chats(5)).containsOnly(200);
    }

    @Test
    void shouldStartAndRouteWhenTheClusterIsUnreachableFromTheStart() throws Exception {
        assumeTrue(stub.isPresent(), "node and tools/node_modules are needed (npm ci --prefix tools)");

        start("127.0.0.1:" + freePort());
        List<Integer> statuses = chats(100);

        assertThat(statuses).hasSize(100).containsOnly(200);
        assertThat(logs.withMessage("kafka_unavailable")).isNotEmpty();
        Await.until(() -> events().get("dropped") > 0, "events beyond the buffer dropped");
        Map<String, Double> events = events();
        assertThat(events.get("sent")).isZero();
        assertThat(events.get("buffered") + events.get("in_flight")).isLessThanOrEqualTo(BUFFER + 1_000);
        assertThat(logs.withMessage("kafka_events_dropped")).hasSize(1);
    }

    private void start(String bootstrapServers) throws Exception {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, TestConfigs.homelabStubAt(stub.orElseThrow().port()) + """
                global:
                  services:
                    http: {port: 0}
                    extproc: {port: 0}
                    drain_timeout: 2s
                  kafka:
                    bootstrap_servers: "%s"
                    buffer_max_events: %d
                """.formatted(bootstrapServers, BUFFER));
        switchboard = Switchboard.start(config, ConfigLoader.load(config)).await(90, TimeUnit.SECONDS);
    }

    /** {@code count} chat requests, four at a time, with prompts of a few kinds; their statuses. */
    private List<Integer> chats(int count) throws Exception {
        String[] kinds = {"Write a Go function that reverses a linked list, case %d",
            "What is the capital of country number %d in an alphabetical list?",
            "Prove that the sum of the first %d odd numbers is a square"};
        List<Integer> statuses = new ArrayList<>();
        for (int first = 0; first < count; first += 4) {
            List<CompletableFuture<HttpResponse<String>>> batch = new ArrayList<>();
            for (int i = first; i < Math.min(count, first + 4); i++) {
                String body = new JsonObject().put("model", "MoM").put("messages", List.of(new JsonObject()
                        .put("role", "user").put("content", kinds[i % kinds.length].formatted(i)))).encode();
                batch.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + switchboard.httpPort() + "/v1/chat/completions")).timeout(Duration.ofSeconds(30))
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> response : batch) {
                statuses.add(response.get(30, TimeUnit.SECONDS).statusCode());
            }
        }
        return statuses;
    }

    /** The event log's meters as {@code /metrics} shows them: sent, dropped, buffered, in_flight. */
    private Map<String, Double> events() throws Exception {
        String text = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + switchboard.httpPort()
                + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Double> values = new java.util.HashMap<>(Map.of("sent", 0.0, "dropped", 0.0));
        Matcher m = SAMPLE.matcher(text);
        while (m.find()) {
            values.put(m.group(1).substring("switchboard_kafka_events_".length()), Double.parseDouble(m.group(2)));
        }
        return values;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
