package dev.switchboard.proxy;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.ReasonCode;
import dev.switchboard.contracts.bus.RouteDecision;
import dev.switchboard.contracts.bus.RouteRequest;
import dev.switchboard.contracts.config.ConfigLoader;
import dev.switchboard.contracts.config.ProxySettings;
import dev.switchboard.contracts.health.Readiness;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The proxy verticle as the tests start it: from a YAML config, alone on its Vert.x, metrics not scraped. */
public final class TestProxies {

    private TestProxies() {
    }

    /** The homelab file with both listeners on free ports and {@code proxy} as its {@code global.proxy} block. */
    public static String homelabWithProxy(String proxy) throws IOException {
        return Files.readString(Path.of("..", "conf", "config.yaml"))
                + "global:\n  services:\n    http: {port: 0}\n    extproc: {port: 0}\n  proxy: " + proxy + "\n";
    }

    /** A stand-in router on {@code vertx}'s bus that sends every request to the homelab's qwen-coder. */
    public static void routeEverythingToQwenCoder(Vertx vertx) throws Exception {
        vertx.eventBus().<RouteRequest>localConsumer(Addresses.ROUTER_ROUTE, message -> message.reply(
                new RouteDecision(message.body().requestId(), "MoM", "qwen-coder", "qwen2.5-coder:7b", "local-ollama",
                        "MoM", "multi_factor", 0.9, List.of(), ReasonCode.AUTO_ROUTING, 1_000, "rev")))
                .completion().await(10, TimeUnit.SECONDS);
    }

    /** Deploys a proxy verticle configured by {@code yaml}; its ports are bound when this returns. */
    public static ProxyVerticle deploy(Vertx vertx, String yaml) throws Exception {
        ProxySettings settings = ProxySettings.of(ConfigLoader.parse(yaml, "test").config());
        ProxyVerticle proxy = new ProxyVerticle(settings, new Readiness(), "none");
        vertx.deployVerticle(proxy).await(10, TimeUnit.SECONDS);
        return proxy;
    }
}
