package dev.switchboard.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.Codecs;
import dev.switchboard.contracts.bus.RouteDecision;
import dev.switchboard.contracts.bus.RouteRequest;
import dev.switchboard.contracts.config.ConfigLoader;
import dev.switchboard.contracts.config.LoadedConfig;
import dev.switchboard.contracts.config.RouterSettings;
import dev.switchboard.embedder.EmbedderVerticle;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Language signals with a real detector: a decision per language, the homelab decision for the rest. */
class LanguageRoutingTest {

    private static Vertx vertx;

    @BeforeAll
    static void deploy() throws Exception {
        String yaml = Files.readString(Path.of("..", "conf", "config.yaml")).replace("  decisions:\n", """
                  signals:
                    language:
                      - name: de
                        description: German-language requests.
                      - name: zh
                  decisions:
                    - name: german
                      priority: 200
                      rules: {type: language, name: de}
                      modelRefs: [{model: gemini-flash}]
                    - name: chinese
                      priority: 200
                      rules: {operator: OR, conditions: [{type: language, name: zh}]}
                      modelRefs: [{model: gpt-4o}]
                """);
        LoadedConfig config = ConfigLoader.parse(yaml, "languages.yaml");
        vertx = Vertx.vertx();
        Codecs.registerAll(vertx.eventBus());
        vertx.deployVerticle(new EmbedderVerticle(config.config().global().embedding(), null),
                EmbedderVerticle.deploymentOptions(config.config().global().embedding())).await(60, TimeUnit.SECONDS);
        vertx.deployVerticle(new RouterVerticle(RouterSettings.of(config.config()), config.revision(), null))
                .await(60, TimeUnit.SECONDS);
    }

    @AfterAll
    static void close() throws Exception {
        vertx.close().await(30, TimeUnit.SECONDS);
    }

    static RouteDecision route(String prompt) throws Exception {
        return vertx.eventBus().<RouteDecision>request(Addresses.ROUTER_ROUTE,
                new RouteRequest("r", "MoM", prompt, List.of(), 20, null, null, false)).await(30, TimeUnit.SECONDS).body();
    }

    @Test
    void shouldRouteEachConfiguredLanguageToItsDecision() throws Exception {
        assertThat(route("Wie viele Einwohner hat Berlin und wie hat sich die Zahl entwickelt?").decision())
                .isEqualTo("german");
        assertThat(route("请用三句话解释一下量子纠缠是什么。").decision()).isEqualTo("chinese");
    }

    @Test
    void shouldUseTheNamedDecisionWhenTheModelIsADecisionName() throws Exception {
        RouteDecision forced = vertx.eventBus().<RouteDecision>request(Addresses.ROUTER_ROUTE,
                new RouteRequest("r", "german", "Write a Python function", List.of(), 20, null, null, false))
                .await(30, TimeUnit.SECONDS).body();

        assertThat(forced.decision()).isEqualTo("german");
        assertThat(forced.selectedModel()).isEqualTo("gemini-flash");
    }

    @Test
    void shouldLeaveOtherLanguagesToTheCatchAll() throws Exception {
        assertThat(route("Write me a Python function to compute fibonacci numbers").decision()).isEqualTo("MoM");
        assertThat(route("¿Cuál es la capital de Francia y cuántos habitantes tiene?").decision()).isEqualTo("MoM");
    }
}
