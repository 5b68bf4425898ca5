package dev.switchboard.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.Codecs;
import dev.switchboard.contracts.bus.DecisionRecord;
import dev.switchboard.contracts.bus.FailureCode;
import dev.switchboard.contracts.bus.ReasonCode;
import dev.switchboard.contracts.bus.RouteRequest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Faults behind the HTTP ingress, each with a real backend server misbehaving on purpose or a router that fails:
 * the client gets the default model's answer or a clear JSON 502/504, never a hung request.
 */
class HttpFaultsTest {

    private static final String ANSWER = "{\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":"
            + "{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}";

    private Vertx vertx;
    private final Set<HttpConnection> answeredOn = ConcurrentHashMap.newKeySet();
    private final AtomicInteger staleRequests = new AtomicInteger();
    private int port;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        Codecs.registerAll(vertx.eventBus());
        HttpServer backend = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            switch (request.path().split("/")[1]) {
                case "ok" -> request.response().putHeader("content-type", "application/json").end(ANSWER);
                // Headers and half of the body, then the connection goes away.
                case "reset" -> {
                    request.response().setChunked(true).putHeader("content-type", "application/json")
                            .write(ANSWER.substring(0, 20));
                    vertx.setTimer(50, id -> request.connection().close());
                }
                // The request is read, and the connection closed without a byte of answer.
                case "close" -> request.connection().close();
                // A kept-alive connection answers its first request and is closed under its second, as a backend
                // closing an idle connection just as a request goes out.
                case "stale" -> {
                    staleRequests.incrementAndGet();
                    if (answeredOn.add(request.connection())) {
                        request.response().putHeader("content-type", "application/json").end(ANSWER);
                    } else {
                        request.connection().close();
                    }
                }
                // A stream that starts and then goes silent, past backend_idle_timeout.
                case "stall" -> request.response().setChunked(true).putHeader("content-type", "text/event-stream")
                        .write("data: {\"choices\":[{\"delta\":{\"content\":\"one\"}}]}\n\n");
                default -> request.response().setStatusCode(404).end();
            }
        })).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        String base = "http://127.0.0.1:" + backend.actualPort();
        String yaml = """
                version: v0.3
                providers:
                  defaults: {default_model: steady}
                  models:
                    - {name: steady, backend_refs: [{name: a, base_url: "%1$s/ok/v1"}]}
                    - {name: second, backend_refs: [{name: e, base_url: "%1$s/ok/v1"}]}
                    - {name: resets, backend_refs: [{name: b, base_url: "%1$s/reset/v1"}]}
                    - {name: closes, backend_refs: [{name: c, base_url: "%1$s/close/v1"}]}
                    - {name: stale, backend_refs: [{name: f, base_url: "%1$s/stale/v1"}]}
                    - {name: stalls, backend_refs: [{name: d, base_url: "%1$s/stall/v1"}]}
                routing:
                  decisions:
                    - name: MoM
                      rules: {}
                      modelRefs: [{model: resets}, {model: steady}]
                global:
                  services: {http: {port: 0}, extproc: {port: 0}}
                  proxy: {route_timeout: 300ms, backend_idle_timeout: 1s}
                """.formatted(base);
        port = TestProxies.deploy(vertx, yaml).httpPort();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldServeTheDefaultModelWhenTheRouterNeverAnswersAndRecordWhatServed() throws Exception {
        List<RouteRequest> asked = new CopyOnWriteArrayList<>();
        List<DecisionRecord> recorded = new CopyOnWriteArrayList<>();
        vertx.eventBus().<RouteRequest>localConsumer(Addresses.ROUTER_ROUTE, message -> asked.add(message.body()))
                .completion().await(10, TimeUnit.SECONDS);
        vertx.eventBus().<DecisionRecord>localConsumer(Addresses.FEEDBACK_DECISION, m -> recorded.add(m.body()))
                .completion().await(10, TimeUnit.SECONDS);

        HttpResponse<String> response = chat("MoM", false);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-switchboard-model")).hasValue("steady");
        assertThat(asked).singleElement().satisfies(request -> assertThat(request.tooLate())
                .as("the router is told that the proxy has stopped waiting").isTrue());
        // Feedback on the request is joined to this record: the model that served it, and why.
        assertThat(recorded).singleElement().satisfies(record -> {
            assertThat(record.decision().requestId())
                    .isEqualTo(response.headers().firstValue("x-switchboard-request-id").orElseThrow());
            assertThat(record.decision().selectedModel()).isEqualTo("steady");
            assertThat(record.decision().reason()).isEqualTo(ReasonCode.ROUTER_UNAVAILABLE);
            assertThat(record.promptVector()).isNull();
        });
    }

    @Test
    void shouldServeTheDefaultModelWhenTheRouterFailsAsWhenTheEmbedderIsDown() throws Exception {
        vertx.eventBus().<RouteRequest>localConsumer(Addresses.ROUTER_ROUTE, message -> message.fail(
                FailureCode.UNAVAILABLE.code(), "embedder unavailable")).completion().await(10, TimeUnit.SECONDS);

        HttpResponse<String> response = chat("MoM", false);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-switchboard-model")).hasValue("steady");
    }

    @Test
    void shouldServeTheDefaultModelWhenNoRouterRunsAndAModelAskedForByNameAsItself() throws Exception {
        HttpResponse<String> auto = chat("MoM", false);
        HttpResponse<String> named = chat("second", false);

        assertThat(auto.statusCode()).isEqualTo(200);
        assertThat(auto.headers().firstValue("x-switchboard-model")).hasValue("steady");
        assertThat(named.statusCode()).isEqualTo(200);
        assertThat(named.headers().firstValue("x-switchboard-model")).as("as a plain proxy would").hasValue("second");
    }

    @Test
    void shouldSendAgainOnAFreshConnectionWhenAKeptAliveOneIsClosedUnderTheRequest() throws Exception {
        HttpResponse<String> first = chat("stale", false);
        HttpResponse<String> second = chat("stale", false);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        assertThat(staleRequests.get()).as("the second request, lost on the stale connection, and its retry").isEqualTo(3);
    }

    @Test
    void shouldAnswer502WhenTheBackendClosesWithoutAnAnswer() throws Exception {
        HttpResponse<String> response = chat("closes", false);

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(new JsonObject(response.body()).getJsonObject("error").getString("code"))
                .isEqualTo("backend_unreachable");
    }

    @Test
    void shouldEndTheClientsResponseWhenTheBackendResetsHalfWayThroughItsAnswer() throws Exception {
        long began = System.nanoTime();
        Throwable failure = null;
        HttpResponse<String> response = null;
        try {
            response = chat("resets", false);
        } catch (java.io.IOException cut) {
            failure = cut;
        }

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began)).as("not hung").isLessThan(5_000);
        if (response != null) {
            assertThat(response.body()).as("never a complete-looking answer").isNotEqualTo(ANSWER);
        } else {
            assertThat(failure).as("the response was cut, as the backend's was").isNotNull();
        }
    }

    @Test
    void shouldEndAStreamThatGoesSilentPastTheIdleTimeout() throws Exception {
        long began = System.nanoTime();
        try {
            HttpResponse<String> response = chat("stalls", true);
            assertThat(response.body()).contains("one");
        } catch (java.io.IOException cut) {
            // the stream was cut: also an end, the client is not left waiting
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began)).as("ended after about 1 s")
                .isBetween(900L, 5_000L);
    }

    private HttpResponse<String> chat(String model, boolean stream) throws Exception {
        String body = new JsonObject().put("model", model).put("stream", stream).put("messages", java.util.List.of(
                new JsonObject().put("role", "user").put("content", "Write a haiku about ports"))).encode();
        // The request's timeout covers the headers only; the whole answer is bounded here, so a hang fails.
        try {
            return client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/v1/chat/completions")).timeout(Duration.ofSeconds(10))
                    .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString()).get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException failed) {
            throw failed.getCause() instanceof java.io.IOException io ? io : failed;
        }
    }
}
