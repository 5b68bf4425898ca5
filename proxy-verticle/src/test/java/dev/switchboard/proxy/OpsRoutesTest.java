package dev.switchboard.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.health.Readiness;
import dev.switchboard.proxy.api.ApiAccess;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpsRoutesTest {

    /** One registry per test: closing Vert.x closes its registry. */
    private final String registry = "ops-routes-test-" + java.util.UUID.randomUUID();

    private Vertx vertx;
    private HttpClient client;
    private final Readiness readiness = new Readiness();
    private int port;

    @BeforeEach
    void startServer() throws Exception {
        vertx = BoundedMetrics.vertx(registry);
        HttpServer server = vertx.createHttpServer()
                .requestHandler(OpsRoutes.mount(Router.router(vertx), readiness, registry, ApiAccess.OPEN.metrics()))
                .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        port = server.actualPort();
        client = HttpClient.newHttpClient();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldAnswerHealthWhileComponentsAreStillStarting() throws Exception {
        readiness.register("embedder");

        Reply health = get("/health");
        Reply ready = get("/ready");

        assertThat(health.status()).isEqualTo(200);
        assertThat(ready.status()).isEqualTo(503);
        assertThat(new JsonObject(ready.body()).getString("status")).isEqualTo("starting");
    }

    @Test
    void shouldBeReadyWhenEveryComponentIsAndUnreadyWhileDraining() throws Exception {
        readiness.register("embedder");
        readiness.markReady("embedder");
        assertThat(get("/ready").status()).isEqualTo(200);

        readiness.markDraining();

        Reply ready = get("/ready");
        assertThat(ready.status()).isEqualTo(503);
        assertThat(new JsonObject(ready.body()).getString("status")).isEqualTo("draining");
    }

    @Test
    void shouldServePrometheusMetrics() throws Exception {
        Reply metrics = get("/metrics");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("vertx_http_server_");
    }

    @Test
    void shouldCountInventedMethodsUnderOneLabelValue() throws Exception {
        for (int i = 0; i < 20; i++) {
            client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .method("INVENTED" + i, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.discarding());
        }
        get("/health");

        String metrics = get("/metrics").body();

        assertThat(metrics).doesNotContain("INVENTED").contains("method=\"OTHER\"").contains("method=\"GET\"");
    }

    @Test
    void shouldTellClientsToRetryWhileThePipelineStarts() throws Exception {
        HttpServer probe = vertx.createHttpServer()
                .requestHandler(OpsRoutes.mountStarting(Router.router(vertx), readiness, registry,
                        ApiAccess.OPEN.metrics()))
                .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        readiness.register("embedder");

        HttpResponse<String> chat = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + probe.actualPort() + "/v1/chat/completions")).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + probe.actualPort() + "/health")).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(chat.statusCode()).isEqualTo(503);
        assertThat(chat.headers().firstValue("retry-after")).hasValue("1");
        assertThat(new JsonObject(chat.body()).getJsonObject("error").getString("code")).isEqualTo("starting");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEmpty();
    }

    private record Reply(int status, String body) {
    }

    private Reply get(String path) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }
}
