package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.ConfigChanged;
import dev.switchboard.contracts.config.ConfigLoader;
import dev.switchboard.testing.LogCapture;
import io.vertx.core.json.JsonObject;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher starts the verticles in order, serves health and readiness, reloads config, and stops cleanly. */
class SwitchboardTest {

    @TempDir
    Path dir;

    private final LogCapture logs = new LogCapture();
    private Switchboard switchboard;
    @AfterEach
    void tearDown() throws Exception {
        if (switchboard != null) {
            switchboard.stop().await(20, TimeUnit.SECONDS);
        }
        logs.close();
    }

    @Test
    void shouldStartEveryVerticleInOrderAndBecomeReady() throws Exception {
        // Given
        Path config = TestConfigs.homelabOnFreePorts(dir);

        // When
        switchboard = Switchboard.start(config, ConfigLoader.load(config)).await(60, TimeUnit.SECONDS);

        // Then
        assertThat(get(switchboard.httpPort(), "/health")).isEqualTo(200);
        assertThat(get(switchboard.httpPort(), "/ready")).isEqualTo(200);
        assertThat(switchboard.readiness().toJson().getJsonObject("components").fieldNames())
                .containsExactly("embedder", "router", "feedback", "proxy");
        assertThat(logs.messages()).containsSubsequence("embedding_models_init_started", "embedder_ready",
                "embedding_models_initialized", "selection_factory_initialized", "servers_listening",
                "startup_complete");
        assertThat(logs.withMessage("startup_complete")).singleElement().satisfies(fields -> {
            assertThat(fields).containsEntry("decisions", "MoM").containsEntry("model_selection", "true")
                    .containsEntry("embedding_ready", "true")
                    .containsEntry("extproc_port", String.valueOf(switchboard.extprocPort()));
        });
        assertThat(switchboard.extprocPort()).isPositive().isNotEqualTo(switchboard.httpPort());
    }

    @Test
    void shouldDrainAndCloseEverythingOnStop() throws Exception {
        // Given
        Path config = TestConfigs.homelabOnFreePorts(dir);
        switchboard = Switchboard.start(config, ConfigLoader.load(config)).await(60, TimeUnit.SECONDS);
        int httpPort = switchboard.httpPort();
        int extprocPort = switchboard.extprocPort();

        // When
        switchboard.stop().await(20, TimeUnit.SECONDS);

        // Then
        assertThat(switchboard.readiness().toJson().getString("status")).isEqualTo("draining");
        assertThat(switchboard.vertx().deploymentIDs()).isEmpty();
        assertThatThrownBy(() -> new Socket("127.0.0.1", httpPort).close()).isInstanceOf(ConnectException.class);
        assertThatThrownBy(() -> new Socket("127.0.0.1", extprocPort).close()).isInstanceOf(ConnectException.class);
        assertThat(logs.messages()).containsSubsequence("shutdown_started", "shutdown_complete");
        assertThat(switchboard.stop()).as("stop is idempotent").isSameAs(switchboard.stop());
    }

    @Test
    void shouldFailToStartAndReleaseEverythingWhenThePortIsTaken() throws Exception {
        // Given a config whose HTTP port is already bound
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Path config = dir.resolve("taken.yaml");
            Files.writeString(config, TestConfigs.homelabOnFreePortsText(dir)
                    .replace("http: {port: 0}", "http: {port: " + taken.getLocalPort() + "}"));

            // When / Then
            assertThatThrownBy(() -> Switchboard.start(config, ConfigLoader.load(config)).await(60, TimeUnit.SECONDS))
                    .hasMessageContaining("Address already in use");
        }
    }

    @Test
    void shouldPublishAChangedConfigAndKeepTheRunningOneWhenTheNewFileIsBad() throws Exception {
        // Given a file checked only when the test says so (the poller could read a half-written file)
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, TestConfigs.homelabOnFreePortsText(dir).replace("poll_interval: 100ms", "poll_interval: 1h"));
        switchboard = Switchboard.start(config, ConfigLoader.load(config)).await(60, TimeUnit.SECONDS);
        List<ConfigChanged> published = new CopyOnWriteArrayList<>();
        switchboard.vertx().eventBus().<ConfigChanged>localConsumer(Addresses.CONFIG_CHANGED, m -> published.add(m.body()))
                .completion().await(10, TimeUnit.SECONDS);
        String original = Files.readString(config);

        // When a broken file is written
        Files.writeString(config, original.replace("- model: gpt-4o", "- model: gpt-5"));
        switchboard.checkConfigNow().await(10, TimeUnit.SECONDS);

        // Then it is rejected with one line that names the error, and the running config stays
        assertThat(published).isEmpty();
        assertThat(logs.withMessage("config_rejected")).singleElement().satisfies(fields -> assertThat(
                String.valueOf(fields.get("error"))).contains("routing.decisions[0].modelRefs[1].model")
                .contains("unknown model 'gpt-5'"));
        assertThat(switchboard.routerSettings().routing().decisions().get(0).priority()).isEqualTo(100);

        // When a good change follows
        Files.writeString(config, original.replace("priority: 100", "priority: 150"));
        switchboard.checkConfigNow().await(10, TimeUnit.SECONDS);

        // Then it is published (delivered asynchronously) and the router runs on it
        awaitRouterPriority(150);
        await(() -> !published.isEmpty(), "the test's consumer received the change");
        assertThat(published).singleElement().satisfies(changed ->
                assertThat(changed.config().routing().decisions().get(0).priority()).isEqualTo(150));
        assertThat(logs.withMessage("config_reloaded")).hasSize(1);
    }

    @Test
    void shouldReloadByItselfWhenTheFileChanges() throws Exception {
        // Given
        Path config = TestConfigs.homelabOnFreePorts(dir);
        switchboard = Switchboard.start(config, ConfigLoader.load(config)).await(60, TimeUnit.SECONDS);

        // When
        Files.writeString(config, Files.readString(config).replace("priority: 100", "priority: 120"));

        // Then the poller (every 100 ms) picks it up
        awaitRouterPriority(120);
    }

    @Test
    void shouldReloadWhenTheAdminApiAsksAndSayWhatCameOfIt() throws Exception {
        // Given a file polled only hourly, and an admin token
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, TestConfigs.homelabOnFreePortsText(dir).replace("poll_interval: 100ms", "poll_interval: 1h")
                + "  proxy:\n    auth: {admin_token_env: SWITCHBOARD_TEST_ADMIN_TOKEN}\n");
        switchboard = Switchboard.start(config, ConfigLoader.load(config)).await(60, TimeUnit.SECONDS);
        String original = Files.readString(config);

        // When a broken file is written and a reload asked for
        Files.writeString(config, original.replace("- model: gpt-4o", "- model: gpt-5"));
        HttpResponse<String> rejected = reload();

        // Then the answer names the problem and the running config stays
        assertThat(rejected.statusCode()).isEqualTo(422);
        assertThat(new JsonObject(rejected.body()).getJsonArray("problems").encode()).contains("unknown model 'gpt-5'");
        assertThat(switchboard.routerSettings().routing().decisions().get(0).priority()).isEqualTo(100);

        // When a good file follows
        Files.writeString(config, original.replace("priority: 100", "priority: 150"));
        JsonObject applied = new JsonObject(reload().body());

        // Then it is applied at once, and asking again changes nothing
        assertThat(applied.getString("status")).isEqualTo("applied");
        assertThat(applied.getString("revision")).isEqualTo(ConfigLoader.revisionOf(Files.readString(config)));
        awaitRouterPriority(150);
        assertThat(new JsonObject(reload().body()).getString("status")).isEqualTo("unchanged");
    }

    private HttpResponse<String> reload() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + switchboard.httpPort() + "/api/v1/config/reload")).header("Authorization", "Bearer admin-secret")
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void awaitRouterPriority(int expected) throws InterruptedException {
        await(() -> switchboard.routerSettings().routing().decisions().get(0).priority() == expected,
                "router applied priority " + expected);
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private int get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
