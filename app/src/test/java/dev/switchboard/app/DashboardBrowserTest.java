package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.contracts.config.ConfigLoader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real browser (Debian's headless Chromium over the DevTools protocol) against a running
 * Switchboard routing to the stub backend: the page loads from Switchboard alone, asks for the admin token, shows the
 * config's models, and its numbers move after routed requests. Skips where Chromium or the stub is not installed.
 * {@code -Dswitchboard.dashboard.screenshot=FILE} also writes the page's screenshot there (docs/dashboard.png).
 */
class DashboardBrowserTest {

    /** Set for the tests by the surefire configuration in app/pom.xml. */
    private static final String TOKEN_VARIABLE = "SWITCHBOARD_TEST_ADMIN_TOKEN";
    private static final List<String> PROMPTS = List.of(
            "Write a Go function that reverses a slice of strings in place",
            "Summarise the causes of the French revolution in three sentences",
            "Prove that there are infinitely many prime numbers",
            "Translate 'good morning, how are you' into Spanish",
            "Refactor this Python loop into a list comprehension: for x in xs: ys.append(x * 2)",
            "Estimate how many piano tuners work in a city of two million people, step by step");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldShowTheConfigsModelsBehindTheAdminTokenAndMoveWithRoutedRequests() throws Exception {
        StubBackend stub = StubBackend.startOrSkip(dir);
        Path config = dir.resolve("config.yaml");
        // The stub stands in for the cloud models, priced as the user would price them: spend and saving then count.
        Files.writeString(config, TestConfigs.homelabStubAt(stub.port())
                .replace("      provider_model_id: gpt-4o\n", "      provider_model_id: gpt-4o\n"
                        + "      pricing: {prompt_per_1m: 2.5, completion_per_1m: 10.0}\n")
                .replace("      provider_model_id: gemini-2.5-flash\n", "      provider_model_id: gemini-2.5-flash\n"
                        + "      pricing: {prompt_per_1m: 0.3, completion_per_1m: 2.5}\n")
                + TestConfigs.GLOBAL_ON_FREE_PORTS + """
                  proxy:
                    auth: {admin_token_env: %s}
                """.formatted(TOKEN_VARIABLE) + TestConfigs.kafkaIn(dir));
        Files.createDirectories(dir.resolve("profile"));
        Switchboard switchboard = Switchboard.start(config, ConfigLoader.load(config)).await(90, TimeUnit.SECONDS);
        try (stub) {
            String base = "http://127.0.0.1:" + switchboard.httpPort();
            HttpResponse<String> page = get(base + "/dashboard", null);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("content-type").orElseThrow()).startsWith("text/html");
            assertThat(page.headers().firstValue("content-security-policy").orElseThrow()).contains("default-src 'none'");
            assertThat(get(base + "/dashboard/dashboard.js", null).statusCode()).isEqualTo(200);
            assertThat(get(base + "/dashboard/api/snapshot", null).statusCode()).isEqualTo(401);
            assertThat(get(base + "/dashboard/api/snapshot", "not-the-token").statusCode()).isEqualTo(401);

            Optional<HeadlessChromium> started = HeadlessChromium.start(dir.resolve("profile"), 1400, 1500);
            assumeTrue(started.isPresent(), "Debian's chromium is needed (apt-get install chromium)");
            try (HeadlessChromium browser = started.get()) {
                browser.navigate(base + "/dashboard");
                awaitPage(browser, "location.pathname === '/dashboard' && document.readyState === 'complete'",
                        Boolean.TRUE::equals);
                awaitPage(browser, "!document.getElementById('token-form').hidden", Boolean.TRUE::equals);
                browser.evaluate("document.getElementById('token').value = " + jsString(System.getenv(TOKEN_VARIABLE))
                        + "; document.getElementById('token-form').requestSubmit(); true");

                Object models = awaitPage(browser, "Array.from(document.querySelectorAll('#models tbody tr'))"
                        + ".map(r => r.dataset.model)", value -> value instanceof JsonArray a && a.size() == 3);
                assertThat(((JsonArray) models).getList()).containsExactly("qwen-coder", "gpt-4o", "gemini-flash");
                double before = routed(awaitPage(browser, "document.getElementById('total-requests').textContent",
                        value -> value instanceof String s && s.matches("[0-9,]+")));

                for (String prompt : PROMPTS) {
                    assertThat(chat(base, prompt).statusCode()).isEqualTo(200);
                }

                awaitPage(browser, "document.getElementById('total-requests').textContent",
                        value -> routed(value) >= before + PROMPTS.size());
                awaitPage(browser, "document.querySelectorAll('#recent tbody tr').length",
                        value -> value instanceof Number n && n.intValue() >= PROMPTS.size());
                String text = (String) browser.evaluate("document.body.innerText");
                assertThat(text).contains("auto_routing", "MoM").contains("decisions, mean").contains("2.50 / 10.00 USD");
                // Every answered request counts at gpt-4o's price in the baseline, so a saving share shows.
                awaitPage(browser, "document.getElementById('saved').textContent",
                        value -> value instanceof String s && s.contains("%"));
                assertThat(text).as("the page never shows a prompt")
                        .doesNotContain(PROMPTS.stream().map(p -> p.substring(0, 20)).toArray(String[]::new));
                Object perModel = browser.evaluate("Array.from(document.querySelectorAll('#models tbody tr'))"
                        + ".map(r => r.children[3].textContent.replace(/,/g, '')).reduce((a, b) => a + Number(b), 0)");
                assertThat(((Number) perModel).doubleValue()).isGreaterThanOrEqualTo(PROMPTS.size());

                byte[] png = browser.screenshot();
                assertThat(png).startsWith(0x89, 'P', 'N', 'G');
                Files.write(Path.of("target", "dashboard.png"), png);
                String copy = System.getProperty("switchboard.dashboard.screenshot");
                if (copy != null) {
                    Files.write(Path.of(copy), png);
                }
            }
        } finally {
            switchboard.stop().await(30, TimeUnit.SECONDS);
        }
    }

    private static double routed(Object text) {
        return text instanceof String s && s.matches("[0-9,]+") ? Double.parseDouble(s.replace(",", "")) : -1;
    }

    /** Polls an expression in the page until its value passes, for at most 20 s (the page polls every 2 s). */
    private static Object awaitPage(HeadlessChromium browser, String expression, Predicate<Object> done)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Object value = null;
        while (System.nanoTime() < deadline) {
            try {
                value = browser.evaluate(expression);
            } catch (IllegalStateException notYet) {
                // Page.navigate answers before the page has loaded: until then the page's elements do not exist.
                value = notYet.getMessage();
            }
            if (done.test(value)) {
                return value;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the page did not show what was awaited: " + expression + " was " + value);
    }

    private static String jsString(String value) {
        return new JsonArray().add(value).encode().replaceAll("^\\[|\\]$", "");
    }

    private HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> chat(String base, String prompt) throws Exception {
        String body = new JsonObject().put("model", "MoM").put("messages", new JsonArray()
                .add(new JsonObject().put("role", "user").put("content", prompt))).encode();
        return http.send(HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
