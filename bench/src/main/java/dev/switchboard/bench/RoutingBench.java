package dev.switchboard.bench;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.Codecs;
import dev.switchboard.contracts.bus.RouteDecision;
import dev.switchboard.contracts.bus.RouteRequest;
import dev.switchboard.contracts.config.ConfigLoader;
import dev.switchboard.contracts.config.LoadedConfig;
import dev.switchboard.contracts.config.RouterSettings;
import dev.switchboard.embedder.EmbedderVerticle;
import dev.switchboard.router.RouterVerticle;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Latency of {@code router.route} with the real embedder, the homelab config (multi_factor over three model cards)
 * and the prompt cache off, so that every request embeds its prompt: from an event loop's send to the decision.
 *
 * <p>Usage: {@code java -jar bench/target/switchboard-bench.jar routing [calls] [warm-up] [config]}
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
        String yaml = Files.readString(file) + "\nglobal:\n  embedding:\n    cache_size: 0\n";
        LoadedConfig config = ConfigLoader.parse(yaml, file + " (prompt cache off)");
        Vertx vertx = Vertx.vertx();
        Codecs.registerAll(vertx.eventBus());
        vertx.deployVerticle(new EmbedderVerticle(config.config().global().embedding(), null),
                EmbedderVerticle.deploymentOptions(config.config().global().embedding())).await(60, TimeUnit.SECONDS);
        vertx.deployVerticle(new RouterVerticle(RouterSettings.of(config.config()), config.revision(), null))
                .await(60, TimeUnit.SECONDS);
        System.out.printf("%s, %d cores, JVM %s; %s; %d calls per caller after %d warm-up calls%n%n",
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), file, calls, warmup);
        System.out.println("| prompt tokens | callers | router.route p50 / p99 (ms) | decision |");
        System.out.println("|---|---|---|---|");
        for (int callers : new int[] {1, 8}) {
            run(vertx, callers, warmup);
            List<Object> decision = new ArrayList<>();
            long[] samples = run(vertx, callers, calls, decision);
            Arrays.sort(samples);
            System.out.printf("| 16 | %d | %.2f / %.2f | %s |%n", callers,
                    samples[samples.length / 2] / 1e6, samples[(int) (samples.length * 0.99)] / 1e6,
                    decision.isEmpty() ? "" : decision.get(0));
        }
        vertx.close().await(30, TimeUnit.SECONDS);
    }

    private static long[] run(Vertx vertx, int callers, int calls) throws Exception {
        return run(vertx, callers, calls, new ArrayList<>());
    }

    private static long[] run(Vertx vertx, int callers, int calls, List<Object> decision) throws Exception {
        List<Future<long[]>> runs = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            Context caller = vertx.getOrCreateContext();
            Promise<long[]> done = Promise.promise();
            long[] samples = new long[calls];
            caller.runOnContext(v -> next(vertx, samples, 0, done, decision));
            runs.add(done.future());
        }
        Future.all(runs).await(10, TimeUnit.MINUTES);
        return runs.stream().flatMapToLong(f -> Arrays.stream(f.result())).toArray();
    }

    private static void next(Vertx vertx, long[] samples, int i, Promise<long[]> done, List<Object> decision) {
        if (i == samples.length) {
            done.complete(samples);
            return;
        }
        long began = System.nanoTime();
        vertx.eventBus().<RouteDecision>request(Addresses.ROUTER_ROUTE,
                new RouteRequest("bench-" + i, "MoM", PROMPT, List.of(), 16, null, null, false),
                new DeliveryOptions().setSendTimeout(60_000)).onComplete(reply -> {
                    if (reply.failed()) {
                        done.fail(reply.cause());
                        return;
                    }
                    samples[i] = System.nanoTime() - began;
                    if (decision.isEmpty()) {
                        decision.add(reply.result().body().selectedModel() + " (" + reply.result().body().reason().code()
                                + ")");
                    }
                    next(vertx, samples, i + 1, done, decision);
                });
    }
}
