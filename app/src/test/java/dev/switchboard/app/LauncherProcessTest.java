package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real process: {@code switchboard serve --config FILE} in a child JVM becomes ready, logs JSON lines, and on
 * SIGTERM drains and exits.
 */
class LauncherProcessTest {

    @TempDir
    Path dir;

    @Test
    void shouldServeUntilSigtermThenShutDownInOrder() throws Exception {
        // Given
        Path config = TestConfigs.homelabOnFreePorts(dir);
        Path classpathJar = classpathJar(System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path")));
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpathJar.toString(), Main.class.getName(), "serve", "--config", config.toString())
                .redirectErrorStream(true).start();
        List<JsonObject> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> readJsonLines(process, lines));
        reader.start();
        try {
            // When it has started
            JsonObject started = awaitLine(lines, "startup_complete");
            int httpPort = started.getInteger("http_port");
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/ready")).build(), HttpResponse.BodyHandlers.ofString());

            // Then it is ready
            assertThat(ready.statusCode()).isEqualTo(200);

            // When it gets SIGTERM (through the handle: Process.destroy() would also close our end of its output)
            assertThat(process.toHandle().destroy()).isTrue();

            // Then it drains, shuts down and exits
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(5_000);
            assertThat(process.exitValue()).isEqualTo(143);
            assertThat(lines).extracting(line -> line.getString("msg")).containsSubsequence(
                    "embedding_models_init_started", "selection_factory_initialized", "startup_complete",
                    "shutdown_started", "shutdown_complete");
            assertThat(lines).allSatisfy(line -> assertThat(line.fieldNames()).contains("ts", "level", "msg"));
        } finally {
            process.destroyForcibly();
        }
    }

    /**
     * A manifest-only jar naming the test classpath, as Surefire itself uses: ONNX Runtime 1.29.0's Java binding
     * crashes the JVM (SIGSEGV) when the command line is longer than about 3,980 bytes, which a {@code -cp} with the
     * full test classpath makes it.
     */
    private Path classpathJar(String classpath) throws java.io.IOException {
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.CLASS_PATH, java.util.Arrays
                .stream(classpath.split(java.io.File.pathSeparator))
                .map(entry -> Path.of(entry).toUri().toString())
                .collect(java.util.stream.Collectors.joining(" ")));
        Path jar = dir.resolve("classpath.jar");
        try (var out = new java.util.jar.JarOutputStream(java.nio.file.Files.newOutputStream(jar), manifest)) {
            out.flush();
        }
        return jar;
    }

    private static void readJsonLines(Process process, List<JsonObject> lines) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                // Every line the process prints must be a JSON object; a parse error fails the test below.
                lines.add(line.startsWith("{") ? new JsonObject(line) : new JsonObject().put("not_json", line));
            }
        } catch (java.io.IOException e) {
            lines.add(new JsonObject().put("msg", "reader_failed").put("error", e.toString()));
        }
    }

    private static JsonObject awaitLine(List<JsonObject> lines, String msg) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonObject line : lines) {
                if (msg.equals(line.getString("msg"))) {
                    return line;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no '" + msg + "' line within 60 s; got " + lines);
    }
}
