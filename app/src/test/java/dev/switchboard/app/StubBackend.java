package dev.switchboard.app;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenAI-compatible server in its own process on 127.0.0.1: {@code @dwmkerr/mock-llm} from {@code tools/}
 * (installed by {@code npm ci --prefix tools}, which CI runs), with the rules of {@code tools/mock-llm.yaml}. Also
 * runs the {@code tools/} scripts, such as the {@code openai} npm client. Absent when node or the package is missing,
 * so tests that need it are skipped rather than failed on a machine without node.
 */
final class StubBackend implements AutoCloseable {

    static final Path TOOLS = Path.of("..", "tools");
    private static final Path MAIN = TOOLS.resolve(Path.of("node_modules", "@dwmkerr", "mock-llm", "dist", "main.js"));

    private final Process process;
    private final int port;

    private StubBackend(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the stub on a free loopback port and waits until it answers; empty when it cannot run here. */
    /** The stub, or the test is skipped (assumption failed) where node or {@code tools/node_modules} is missing. */
    static StubBackend startOrSkip(Path logDir) throws Exception {
        Optional<StubBackend> stub = start(logDir);
        org.junit.jupiter.api.Assumptions.assumeTrue(stub.isPresent(),
                "node and tools/node_modules are needed (npm ci --prefix tools)");
        return stub.get();
    }

    static Optional<StubBackend> start(Path logDir) throws Exception {
        if (!Files.isRegularFile(MAIN) || node().isEmpty()) {
            return Optional.empty();
        }
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(node().get(), MAIN.toString(), "--config",
                TOOLS.resolve("mock-llm.yaml").toString())
                .redirectErrorStream(true).redirectOutput(logDir.resolve("mock-llm.log").toFile());
        // Its default HOST is 0.0.0.0; nothing here listens beyond loopback.
        builder.environment().put("HOST", "127.0.0.1");
        builder.environment().put("PORT", String.valueOf(port));
        StubBackend stub = new StubBackend(builder.start(), port);
        stub.awaitReady();
        return Optional.of(stub);
    }

    int port() {
        return port;
    }

    /** Runs {@code node tools/<script> args...}; returns its exit code and combined output. */
    static ScriptResult runScript(String script, List<String> args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(node().orElseThrow(),
                TOOLS.resolve(script).toString()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("node " + script + " did not finish: " + output);
        }
        return new ScriptResult(process.exitValue(), output);
    }

    record ScriptResult(int exitCode, String output) {
    }

    private void awaitReady() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                int status = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        close();
        throw new IllegalStateException("mock-llm did not become ready on port " + port);
    }

    private static Optional<String> node() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "node");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
