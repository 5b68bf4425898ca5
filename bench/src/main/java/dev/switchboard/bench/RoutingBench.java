package dev.switchboard.bench;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.RouteDecision;
import dev.switchboard.contracts.bus.RouteRequest;
import dev.switchboard.contracts.config.ConfigLoader;
import dev.switchboard.contracts.config.EmbeddingConfig;
import dev.switchboard.contracts.config.LoadedConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Latency of {@code router.route} with the real embedder, the homelab config (multi_factor over three model cards)
 * and the prompt cache off, so that every request embeds its prompt: from an event loop's send to the decision.
 *
 * <p>Usage: {@code java -jar bench/target/switchboard-bench.jar routing [calls] [warm-up] [config] [transformer|static]}
 * (default 1000, 300, conf/config.yaml).
 */
public final class RoutingBench {

    private static final String PROMPT = "Write me a Python function to compute fibonacci numbers"; // 16 tokens

    private RoutingBench() {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        Path file = Path.of(args.length > 2 ? args[2] : "conf/config.yaml");
        String mode = args.length > 3 ? args[3] : EmbeddingConfig.MODE_TRANSFORMER;
        String yaml = Files.readString(file) + "\nglobal:\n  embedding:\n    cache_size: 0\n    mode: " + mode + "\n";
        LoadedConfig config = ConfigLoader.parse(yaml, file + " (prompt cache off)");
        Vertx vertx = EventLoopCallers.pipeline(config);
        System.out.printf("%s, %d cores, JVM %s; %s, embedding mode %s; %d calls per caller after %d warm-up calls%n%n",
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), file, mode, calls, warmup);
        System.out.println("| prompt tokens | callers | router.route p50 / p99 (ms) | decisions/s | decision |");
        System.out.println("|---|---|---|---|---|");
        for (int callers : new int[] {1, 8, 32}) {
            EventLoopCallers.measure(vertx, callers, warmup, i -> route(vertx, i));
            long began = System.nanoTime();
            long[] samples = EventLoopCallers.measure(vertx, callers, calls, i -> route(vertx, i));
            double perSecond = (double) callers * calls / ((System.nanoTime() - began) / 1e9);
            RouteDecision decision = route(vertx, calls).await(60, TimeUnit.SECONDS);
            System.out.printf("| 16 | %d | %.2f / %.2f | %,.0f | %s (%s) |%n", callers,
                    EventLoopCallers.percentile(samples, 50) / 1e6, EventLoopCallers.percentile(samples, 99) / 1e6,
                    perSecond, decision.selectedModel(), decision.reason().code());
        }
        vertx.close().await(30, TimeUnit.SECONDS);
    }


    private static Future<RouteDecision> route(Vertx vertx, int i) {
        return vertx.eventBus().<RouteDecision>request(Addresses.ROUTER_ROUTE,
                new RouteRequest("bench-" + i, "MoM", PROMPT, List.of(), 16, null, null, false, "bench"),
                new DeliveryOptions().setSendTimeout(60_000)).map(reply -> reply.body());
    }
}
