package dev.switchboard.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.Codecs;
import dev.switchboard.contracts.bus.FailureCode;
import dev.switchboard.contracts.bus.ReasonCode;
import dev.switchboard.contracts.bus.RouteDecision;
import dev.switchboard.contracts.bus.RouteRequest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP listener against what a hostile or broken client sends: each case gets an OpenAI-style JSON error (or a
 * closed connection where the client stopped talking), nothing reaches the router that the OpenAI API would refuse,
 * and the listener's limits come from the config. Raw sockets where the bytes on the wire are the point.
 */
class HttpHostileInputTest {

    private Vertx vertx;
    private int port;
    private final AtomicInteger routed = new AtomicInteger();
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        Codecs.registerAll(vertx.eventBus());
        HttpServer silentBackend = vertx.createHttpServer().requestHandler(request -> { })
                .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        vertx.eventBus().<RouteRequest>localConsumer(Addresses.ROUTER_ROUTE, message -> {
            routed.incrementAndGet();
            RouteRequest r = message.body();
            if ("thinker".equals(r.requestedModel())) {
                message.reply(new RouteDecision(r.requestId(), "thinker", "thinker", "thinker", "b", null, null, 1.0,
                        List.of(), ReasonCode.CONCRETE_MODEL, 10, "rev"));
            } else {
                message.fail(FailureCode.INVALID_ARGUMENT.code(), "only 'thinker' in this test");
            }
        }).completion().await(10, TimeUnit.SECONDS);
        String yaml = """
                version: v0.3
                providers:
                  defaults: {default_model: thinker}
                  models:
                    - name: thinker
                      backend_refs: [{name: b, base_url: "http://127.0.0.1:%d/v1"}]
                global:
                  services:
                    http: {port: 0, header_read_timeout: 400ms, idle_timeout: 600ms, request_timeout: 400ms,
                           max_headers: 20}
                    extproc: {port: 0}
                  proxy: {max_messages: 3, max_json_depth: 16, backend_idle_timeout: 1500ms}
                """.formatted(silentBackend.actualPort());
        port = TestProxies.deploy(vertx, yaml).httpPort();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldAnswerUnknownPathsAndMethodsWithJsonErrors() throws Exception {
        HttpResponse<String> unknown = send("GET", "/v1/nothing-here", null);
        HttpResponse<String> wrongMethod = send("DELETE", "/v1/chat/completions", null);
        HttpResponse<String> head = send("HEAD", "/health", null);

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(code(unknown)).isEqualTo("not_found");
        assertThat(unknown.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(code(wrongMethod)).isEqualTo("method_not_allowed");
        assertThat(head.statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAnswerABrokenQueryEscapeWith400() throws Exception {
        HttpResponse<String> response = rawRequest("GET /api/v1/ratings?%zz=% HTTP/1.1\r\nHost: x\r\n\r\n");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(code(response)).isEqualTo("invalid_query_string");
    }

    @Test
    void shouldNameTheFeedbackApisOwnLimitForAnOversizedFeedbackBody() throws Exception {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);

        HttpResponse<String> response = send("POST", "/api/v1/feedback", deep);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(message(response)).contains("16384").doesNotContain("10485760");
    }

    @Test
    void shouldRefuseWhatTheOpenAiApiRefusesBeforeRouting() throws Exception {
        String user = "{\"role\":\"user\",\"content\":\"hi\"}";
        assertRefused("{\"model\":\"MoM\",\"messages\":[" + user + "],\"x\":" + "[".repeat(40) + "]".repeat(40) + "}",
                null, "deeper than 16 levels");
        assertRefused("{\"model\":\"MoM\",\"messages\":[" + user + "],\"n\":" + "9".repeat(100_000) + "}",
                null, "number longer than");
        assertRefused("{\"model\":\"MoM\",\"messages\":[{\"role\":\"user\",\"content\":\"a\u0000b\"}]}",
                null, "not valid JSON");
        assertRefused("{\"model\":\"MoM\",\"messages\":[{\"role\":\"wizard\",\"content\":\"hi\"}]}",
                "messages[0].role", "supported values");
        assertRefused("{\"model\":\"MoM\",\"messages\":[{\"content\":\"hi\"}]}", "messages[0].role",
                "Missing required parameter");
        assertRefused("{\"model\":\"MoM\",\"messages\":[{\"role\":\"user\"}]}", "messages[0].content",
                "Missing required parameter");
        assertRefused("{\"model\":\"MoM\",\"stream\":\"yes\",\"messages\":[" + user + "]}", "stream",
                "expected a boolean");
        assertRefused("{\"model\":\"MoM\",\"messages\":[" + user + "," + user + "," + user + "," + user + "]}",
                "messages", "maximum length 3");
        assertRefused("{\"messages\":[" + user + "]}", "model", "Missing required parameter");
        HttpResponse<String> invalidUtf8 = client.send(HttpRequest.newBuilder(uri("/v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'{', '"', 'm', (byte) 0xff, '"', ':',
                    '1', '}'})).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(invalidUtf8.statusCode()).isEqualTo(400);
        assertThat(message(invalidUtf8)).contains("not valid JSON").contains("UTF-8");

        assertThat(routed).hasValue(0);
    }

    @Test
    void shouldCloseAConnectionThatTricklesHeadersOrSaysNothing() throws Exception {
        try (Socket silent = connect(); Socket trickling = connect()) {
            OutputStream out = trickling.getOutputStream();
            out.write("GET /health HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            long began = System.nanoTime();
            for (int i = 0; i < 20 && !closedByPeer(trickling, out, "X-Slow-" + i + ": 1\r\n"); i++) {
                Thread.sleep(100);
            }
            long trickledMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);

            assertThat(trickledMs).isLessThan(1_500);
            assertThat(silent.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void shouldCloseAnIdleKeptAliveConnectionButNotOneWaitingForItsModel() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String first = readResponse(socket.getInputStream());
            assertThat(first).startsWith("HTTP/1.1 200");

            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
        // The model's backend never answers: the request is in flight past idle_timeout (600 ms) until
        // backend_idle_timeout (1500 ms), and its client gets the 504, not a closed connection.
        HttpResponse<String> waited = send("POST", "/v1/chat/completions",
                "{\"model\":\"thinker\",\"messages\":[{\"role\":\"user\",\"content\":\"think\"}]}");

        assertThat(routed).hasValue(1);
        assertThat(waited.statusCode()).isEqualTo(504);
        assertThat(code(waited)).isEqualTo("backend_timeout");
        assertThat(waited.headers().firstValue("x-switchboard-model")).hasValue("thinker");
        assertThat(waited.headers().map()).as("a concrete model has no decision or algorithm")
                .doesNotContainKeys("x-switchboard-decision", "x-switchboard-algorithm");
    }

    @Test
    void shouldAnswer408WhenTheBodyStopsHalfWay() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"model\":")
                    .getBytes(StandardCharsets.US_ASCII));

            assertThat(readResponse(socket.getInputStream())).startsWith("HTTP/1.1 408")
                    .contains("request_timeout");
        }
    }

    @Test
    void shouldRefuseTooManyHeadersAndAmbiguousFraming() throws Exception {
        StringBuilder many = new StringBuilder("GET /health HTTP/1.1\r\nHost: x\r\n");
        for (int i = 0; i < 25; i++) {
            many.append("X-H").append(i).append(": v\r\n");
        }
        HttpResponse<String> tooMany = rawRequest(many.append("\r\n").toString());
        assertThat(tooMany.statusCode()).isEqualTo(431);
        assertThat(code(tooMany)).isEqualTo("too_many_headers");

        try (Socket socket = connect()) {
            String smuggled = "POST /api/v1/route HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /health HTTP/1.1\r\nHost: x\r\n\r\n";
            socket.getOutputStream().write(smuggled.getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);

            assertThat(answer).startsWith("HTTP/1.1 400").containsIgnoringCase("connection: close");
            assertThat(answer.split("HTTP/1.1 ", -1)).hasSize(2);
        }
        assertThat(routed).hasValue(0);
    }

    @Test
    void shouldReplaceRequestIdsThatAreNotPlainTokens() throws Exception {
        String dryRun = "{\"model\":\"thinker\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

        String kept = routedId("req-7:a.b_c", dryRun);
        String quoted = routedId("evil\" \"level\":\"ERROR", dryRun);
        String huge = routedId("x".repeat(300), dryRun);

        assertThat(kept).isEqualTo("req-7:a.b_c");
        assertThat(java.util.List.of(quoted, huge)).allSatisfy(id ->
                assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
    }

    /** The request id the dry-run API reports for a request sent with {@code given} as its x-request-id. */
    private String routedId(String given, String body) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri("/api/v1/route"))
                .header("x-request-id", given).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return new JsonObject(response.body()).getString("request_id");
    }

    private void assertRefused(String body, String param, String message) throws Exception {
        HttpResponse<String> response = send("POST", "/v1/chat/completions", body);
        assertThat(response.statusCode()).as(body.length() > 200 ? body.substring(0, 200) : body).isEqualTo(400);
        JsonObject error = new JsonObject(response.body()).getJsonObject("error");
        assertThat(error.getString("type")).isEqualTo("invalid_request_error");
        assertThat(error.getString("param")).isEqualTo(param);
        assertThat(error.getString("message")).contains(message);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                .header("content-type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One request written as given on a fresh connection, its answer parsed far enough for the assertions. */
    private HttpResponse<String> rawRequest(String request) throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String answer = readResponse(socket.getInputStream());
            int status = Integer.parseInt(answer.substring(9, 12));
            String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
            return new RawResponse(status, body);
        }
    }

    private record RawResponse(int statusCode, String body) implements HttpResponse<String> {
        public HttpRequest request() { return null; }
        public java.util.Optional<HttpResponse<String>> previousResponse() { return java.util.Optional.empty(); }
        public java.net.http.HttpHeaders headers() { return java.net.http.HttpHeaders.of(java.util.Map.of(), (a, b) -> true); }
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() { return java.util.Optional.empty(); }
        public URI uri() { return null; }
        public HttpClient.Version version() { return HttpClient.Version.HTTP_1_1; }
    }

    /** Reads one response with a Content-Length body. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int length = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            bytes.write(b);
            String text = bytes.toString(StandardCharsets.US_ASCII);
            int end = text.indexOf("\r\n\r\n");
            if (end >= 0 && length < 0) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)")
                        .matcher(text.substring(0, end));
                length = m.find() ? Integer.parseInt(m.group(1)) : 0;
            }
            if (length >= 0 && bytes.size() >= end + 4 + length) {
                break;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5_000);
        return socket;
    }

    /** Writes a line; true when the server has closed the connection instead. */
    private static boolean closedByPeer(Socket socket, OutputStream out, String line) throws IOException {
        try {
            out.write(line.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.setSoTimeout(1);
            return socket.getInputStream().read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(5_000);
            }
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String code(HttpResponse<String> response) {
        return new JsonObject(response.body()).getJsonObject("error").getString("code");
    }

    private static String message(HttpResponse<String> response) {
        return new JsonObject(response.body()).getJsonObject("error").getString("message");
    }
}
