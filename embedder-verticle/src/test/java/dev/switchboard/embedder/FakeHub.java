package dev.switchboard.embedder;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/**
 * A Hugging Face-compatible hub on 127.0.0.1 serving a repo's files with the listing the real hub gives (sizes,
 * LFS SHA-256, git blob ids). {@link #tamper} changes what a download returns, to test verification and retries.
 */
final class FakeHub implements AutoCloseable {

    static final String REPO = "switchboard-test/minilm";
    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    private final HttpServer server;
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    /** (file name, attempt number from 1) → bytes to serve instead, or null for the real ones. */
    volatile BiFunction<String, Integer, byte[]> tamper = (name, attempt) -> null;
    private final Map<String, Integer> attempts = new java.util.concurrent.ConcurrentHashMap<>();

    FakeHub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    FakeHub with(String name, byte[] content) {
        files.put(name, content);
        return this;
    }

    FakeHub withoutFile(String name) {
        files.remove(name);
        return this;
    }

    /** The MiniLM files in Hugging Face layout; onnx/model.onnx is an LFS file, the others plain git blobs. */
    static FakeHub serving() throws IOException {
        return new FakeHub().with("onnx/model.onnx", BuiltinFiles.onnx())
                .with("tokenizer.json", BuiltinFiles.tokenizer())
                .with("config.json", BuiltinFiles.CONFIG_JSON.getBytes(StandardCharsets.UTF_8))
                .with("README.md", "# test model".getBytes(StandardCharsets.UTF_8));
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.add(path);
        String listing = "/api/models/" + REPO + "/revision/";
        String resolve = "/" + REPO + "/resolve/" + COMMIT + "/";
        if (path.startsWith(listing)) {
            reply(exchange, 200, listing().encode().getBytes(StandardCharsets.UTF_8));
        } else if (path.startsWith(resolve) && files.containsKey(path.substring(resolve.length()))) {
            String name = path.substring(resolve.length());
            int attempt = attempts.merge(name, 1, Integer::sum);
            byte[] replaced = tamper.apply(name, attempt);
            reply(exchange, 200, replaced != null ? replaced : files.get(name));
        } else {
            reply(exchange, 404, "not found".getBytes(StandardCharsets.UTF_8));
        }
    }

    private JsonObject listing() {
        JsonArray siblings = new JsonArray();
        files.forEach((name, content) -> {
            JsonObject sibling = new JsonObject().put("rfilename", name).put("size", content.length);
            if (name.endsWith(".onnx")) {
                sibling.put("lfs", new JsonObject().put("sha256", hex("SHA-256", content)).put("size", content.length));
            } else {
                sibling.put("blobId", gitBlobId(content));
            }
            siblings.add(sibling);
        });
        return new JsonObject().put("id", REPO).put("sha", COMMIT).put("siblings", siblings);
    }

    private static String gitBlobId(byte[] content) {
        byte[] header = ("blob " + content.length + "\0").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[header.length + content.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(content, 0, all, header.length, content.length);
        return hex("SHA-1", all);
    }

    private static String hex(String algorithm, byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
