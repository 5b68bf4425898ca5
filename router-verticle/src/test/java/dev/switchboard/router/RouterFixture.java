package dev.switchboard.router;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.Codecs;
import dev.switchboard.contracts.bus.RouteDecision;
import dev.switchboard.contracts.bus.RouteRequest;
import dev.switchboard.contracts.config.ConfigException;
import dev.switchboard.contracts.config.ConfigLoader;
import dev.switchboard.contracts.config.LoadedConfig;
import dev.switchboard.contracts.config.RouterSettings;
import dev.switchboard.embedder.EmbedderVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A Vert.x with the real embedder and routers on given configs, for in-process router tests. */
final class RouterFixture implements AutoCloseable {

    static final Path HOMELAB = Path.of("..", "conf", "config.yaml");

    final Vertx vertx = Vertx.vertx();

    RouterFixture() {
        Codecs.registerAll(vertx.eventBus());
    }

    static String homelabYaml() throws IOException {
        return Files.readString(HOMELAB);
    }

    static LoadedConfig parse(String yaml) throws ConfigException {
        return ConfigLoader.parse(yaml, "test config");
    }

    /** A fixture with the embedder and one router on the homelab config with its decisions replaced. */
    static RouterFixture homelabWithDecisions(String signalsAndDecisions) throws Exception {
        LoadedConfig config = parse(homelabYaml().replace("  decisions:\n", signalsAndDecisions));
        RouterFixture fixture = new RouterFixture().withEmbedder(config);
        fixture.deployRouter(config);
        return fixture;
    }

    /** Deploys the embedder of {@code config} (the default model unless it says otherwise). */
    RouterFixture withEmbedder(LoadedConfig config) throws Exception {
        vertx.deployVerticle(new EmbedderVerticle(config.config().global().embedding(), null),
                EmbedderVerticle.deploymentOptions(config.config().global().embedding())).await(60, TimeUnit.SECONDS);
        return this;
    }

    /** Deploys a router on {@code config}; returns its deployment id. */
    String deployRouter(LoadedConfig config) throws Exception {
        return deployRouter(new RouterVerticle(RouterSettings.of(config.config()), config.revision(), null));
    }

    String deployRouter(RouterVerticle router) throws Exception {
        return vertx.deployVerticle(router).await(60, TimeUnit.SECONDS);
    }

    void undeploy(String id) throws Exception {
        vertx.undeploy(id).await(10, TimeUnit.SECONDS);
    }

    Future<RouteDecision> send(String model, String prompt, String sessionId) {
        return vertx.eventBus().<RouteDecision>request(Addresses.ROUTER_ROUTE,
                new RouteRequest("r", model, prompt, List.of(), prompt.length() / 4, sessionId, null, false, "test"))
                .map(m -> m.body());
    }

    /** Routes a request built by the test (earlier turns, conversation shape) and waits for the decision. */
    RouteDecision route(RouteRequest request) throws Exception {
        return vertx.eventBus().<RouteDecision>request(Addresses.ROUTER_ROUTE, request).map(m -> m.body())
                .await(30, TimeUnit.SECONDS);
    }

    RouteDecision route(String model, String prompt) throws Exception {
        return send(model, prompt, null).await(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        vertx.close().await(30, TimeUnit.SECONDS);
    }
}
