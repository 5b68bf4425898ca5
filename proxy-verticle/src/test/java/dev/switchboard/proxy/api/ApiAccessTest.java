package dev.switchboard.proxy.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.Codecs;
import dev.switchboard.contracts.bus.ConfigReload;
import dev.switchboard.contracts.bus.FeedbackReceipt;
import dev.switchboard.contracts.bus.FeedbackSubmission;
import dev.switchboard.contracts.config.ConfigLoader;
import dev.switchboard.contracts.config.ProxySettings;
import dev.switchboard.contracts.health.Readiness;
import dev.switchboard.proxy.BoundedMetrics;
import dev.switchboard.proxy.ProxyVerticle;
import dev.switchboard.proxy.TestProxies;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each group of endpoints behind its own token ({@code global.proxy.auth}); the tokens come from environment
 * variables that the module's surefire configuration sets, as an operator would.
 */
class ApiAccessTest {

    private static final String AUTH = """
            {auth: {feedback_token_env: SWITCHBOARD_TEST_FEEDBACK_TOKEN, ratings_token_env: SWITCHBOARD_TEST_RATINGS_TOKEN,
                    metrics_token_env: SWITCHBOARD_TEST_METRICS_TOKEN, admin_token_env: SWITCHBOARD_TEST_ADMIN_TOKEN}}""";
    private static final String FEEDBACK = "{\"request_id\": \"r-1\", \"type\": \"thumbs_up\"}";

    private final String registry = "api-access-test-" + UUID.randomUUID();
    private final HttpClient client = HttpClient.newHttpClient();
    private Vertx vertx;
    private int port;

    private void start(String proxyBlock) throws Exception {
        vertx = BoundedMetrics.vertx(registry);
        Codecs.registerAll(vertx.eventBus());
        vertx.eventBus().<FeedbackSubmission>localConsumer(Addresses.FEEDBACK_SUBMIT, m ->
                m.reply(new FeedbackReceipt("e-1", m.body().requestId(), "qwen-coder", "MoM")));
        ProxyVerticle proxy = new ProxyVerticle(ProxySettings.of(ConfigLoader.parse(
                TestProxies.homelabWithProxy(proxyBlock), "t").config()), new Readiness(), registry);
        vertx.deployVerticle(proxy).await(10, TimeUnit.SECONDS);
        port = proxy.httpPort();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private HttpResponse<String> send(String method, String path, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Each endpoint and the token of its own group. */
    private static final Map<String, String> TOKENS = Map.of(
            "POST /api/v1/feedback", "feedback-secret",
            "GET /api/v1/ratings", "ratings-secret",
            "GET /metrics", "metrics-secret");

    private HttpResponse<String> call(String endpoint, String authorization) throws Exception {
        String[] parts = endpoint.split(" ");
        return send(parts[0], parts[1], parts[0].equals("POST") ? FEEDBACK : null, authorization);
    }

    @Test
    void shouldAdmitEachGroupOnlyWithItsOwnToken() throws Exception {
        start(AUTH);
        for (Map.Entry<String, String> endpoint : TOKENS.entrySet()) {
            HttpResponse<String> none = call(endpoint.getKey(), null);
            assertThat(none.statusCode()).as(endpoint.getKey()).isEqualTo(401);
            assertThat(none.headers().firstValue("www-authenticate")).as(endpoint.getKey()).hasValue("Bearer");
            assertThat(new JsonObject(none.body()).getJsonObject("error").getString("code")).isEqualTo("unauthorized");
            assertThat(call(endpoint.getKey(), "Bearer wrong").statusCode()).as(endpoint.getKey()).isEqualTo(401);
            assertThat(call(endpoint.getKey(), "Bearer " + endpoint.getValue() + "x").statusCode()).isEqualTo(401);
            assertThat(call(endpoint.getKey(), "Basic " + endpoint.getValue()).statusCode()).isEqualTo(401);
            for (String other : TOKENS.values()) {
                if (!other.equals(endpoint.getValue())) {
                    assertThat(call(endpoint.getKey(), "Bearer " + other).statusCode()).as(endpoint.getKey() + " with "
                            + other).isEqualTo(401);
                }
            }
            HttpResponse<String> admitted = call(endpoint.getKey(), "Bearer " + endpoint.getValue());
            assertThat(admitted.statusCode()).as(endpoint.getKey() + " " + admitted.body())
                    .isIn(200, 202);
            // The scheme is case-insensitive (RFC 9110 section 11.1).
            assertThat(call(endpoint.getKey(), "bearer " + endpoint.getValue()).statusCode()).isIn(200, 202);
        }
        assertThat(send("GET", "/health", null, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/v1/models", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAnswerAReloadWithTheWatchersVerdictOnlyForTheAdminToken() throws Exception {
        start(AUTH);
        vertx.eventBus().localConsumer(Addresses.CONFIG_RELOAD, m -> m.reply(new ConfigReload(ConfigReload.REJECTED,
                "abc123", List.of("routing.decisions[0].name: missing"))));

        assertThat(send("POST", AdminApi.RELOAD_PATH, null, "Bearer metrics-secret").statusCode()).isEqualTo(401);
        HttpResponse<String> rejected = send("POST", AdminApi.RELOAD_PATH, null, "Bearer admin-secret");

        assertThat(rejected.statusCode()).isEqualTo(422);
        JsonObject body = new JsonObject(rejected.body());
        assertThat(body.getString("status")).isEqualTo("rejected");
        assertThat(body.getString("revision")).isEqualTo("abc123");
        assertThat(body.getJsonArray("problems").getList()).containsExactly("routing.decisions[0].name: missing");
    }

    @Test
    void shouldSayWhenHotReloadIsOff() throws Exception {
        start(AUTH);

        HttpResponse<String> response = send("POST", AdminApi.RELOAD_PATH, null, "Bearer admin-secret");

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.body()).contains("reload_disabled");
    }

    @Test
    void shouldKeepTheAdminApiClosedWithoutATokenAndOtherGroupsOpen() throws Exception {
        start("{}");

        HttpResponse<String> admin = send("POST", AdminApi.RELOAD_PATH, null, null);

        assertThat(admin.statusCode()).isEqualTo(403);
        assertThat(admin.body()).contains("global.proxy.auth.admin_token_env");
        assertThat(call("GET /metrics", null).statusCode()).isEqualTo(200);
        assertThat(call("GET /api/v1/ratings", null).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRefuseEveryoneWhenTheNamedVariableIsEmpty() throws Exception {
        start("{auth: {metrics_token_env: SWITCHBOARD_TEST_VARIABLE_NOBODY_SETS}}");

        HttpResponse<String> response = call("GET /metrics", "Bearer ");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("is empty");
    }

    @Test
    void shouldLetTheOlderSingleTokenStandInForFeedbackAndRatingsOnly() throws Exception {
        start("{api_token_env: SWITCHBOARD_TEST_FEEDBACK_TOKEN}");

        assertThat(call("POST /api/v1/feedback", null).statusCode()).isEqualTo(401);
        assertThat(call("GET /api/v1/ratings", "Bearer feedback-secret").statusCode()).isEqualTo(200);
        assertThat(call("GET /metrics", null).statusCode()).isEqualTo(200);
    }
}
