package dev.switchboard.app;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's {@code chromium}, headless, driven over the DevTools protocol (a WebSocket, JSON commands): a real
 * browser for the dashboard's test. Every name but 127.0.0.1 resolves to nothing and background networking is off,
 * so the browser calls no other address.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final List<String> BINARIES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome");
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();

    private HeadlessChromium(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    /** A browser on one blank page; empty when no Chromium is installed. */
    static Optional<HeadlessChromium> start(Path profile, int width, int height) throws Exception {
        Optional<String> binary = BINARIES.stream().filter(b -> Files.isExecutable(Path.of(b))).findFirst();
        if (binary.isEmpty()) {
            return Optional.empty();
        }
        Process process = new ProcessBuilder(binary.get(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "--user-data-dir=" + profile.toAbsolutePath(), "--no-first-run", "--no-default-browser-check",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--disable-default-apps", "--no-pings", "--disable-domain-reliability",
                "--disable-client-side-phishing-detection", "--metrics-recording-only",
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1", "--window-size=" + width + "," + height,
                "about:blank")
                .redirectErrorStream(true).redirectOutput(profile.resolveSibling("chromium.log").toFile()).start();
        try {
            Path portFile = profile.resolve("DevToolsActivePort");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!(Files.exists(portFile) && Files.readAllLines(portFile).size() >= 2)) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new IOException("chromium did not open its DevTools port (see chromium.log)");
                }
                Thread.sleep(100);
            }
            int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
            HttpClient http = HttpClient.newHttpClient();
            String targets = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            String page = new JsonArray(targets).stream().map(JsonObject.class::cast)
                    .filter(t -> "page".equals(t.getString("type"))).findFirst().orElseThrow()
                    .getString("webSocketDebuggerUrl");
            HeadlessChromium[] self = new HeadlessChromium[1];
            WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(page), new WebSocket.Listener() {
                private final StringBuilder frame = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    frame.append(data);
                    if (last) {
                        JsonObject message = new JsonObject(frame.toString());
                        frame.setLength(0);
                        CompletableFuture<JsonObject> reply = message.containsKey("id")
                                ? self[0].pending.remove(message.getInteger("id")) : null;
                        if (reply != null) {
                            reply.complete(message);
                        }
                    }
                    ws.request(1);
                    return null;
                }
            }).get(30, TimeUnit.SECONDS);
            self[0] = new HeadlessChromium(process, socket);
            return Optional.of(self[0]);
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Sends a DevTools command and waits for its result. */
    JsonObject command(String method, JsonObject params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonObject> reply = new CompletableFuture<>();
        pending.put(id, reply);
        socket.sendText(new JsonObject().put("id", id).put("method", method).put("params", params).encode(), true)
                .get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        JsonObject message = reply.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (message.containsKey("error")) {
            throw new IllegalStateException(method + ": " + message.getJsonObject("error").encode());
        }
        return message.getJsonObject("result");
    }

    void navigate(String url) throws Exception {
        command("Page.navigate", new JsonObject().put("url", url));
    }

    /** The value of a JavaScript expression in the page (returned by value: strings, numbers, arrays). */
    Object evaluate(String expression) throws Exception {
        JsonObject result = command("Runtime.evaluate", new JsonObject().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true));
        if (result.containsKey("exceptionDetails")) {
            throw new IllegalStateException("the page threw: " + result.getJsonObject("exceptionDetails").encode());
        }
        return result.getJsonObject("result").getValue("value");
    }

    /** A PNG of the whole page. */
    byte[] screenshot() throws Exception {
        return Base64.getDecoder().decode(command("Page.captureScreenshot", new JsonObject().put("format", "png")
                .put("captureBeyondViewport", true)).getString("data"));
    }

    @Override
    public void close() throws InterruptedException {
        socket.abort();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
