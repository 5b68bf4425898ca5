package dev.switchboard.bench;

import dev.switchboard.contracts.bus.Codecs;
import dev.switchboard.contracts.config.LoadedConfig;
import dev.switchboard.contracts.config.RouterSettings;
import dev.switchboard.embedder.EmbedderVerticle;
import dev.switchboard.router.RouterVerticle;
import dev.switchboard.selection.SelectionEnvironment;
import io.opentelemetry.api.OpenTelemetry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * What the benches share: the embedder and router deployed on a config, and callers that are event-loop contexts,
 * as the verticles that call the pipeline are, each sending its calls one after another and timing each from send
 * to reply.
 */
final class EventLoopCallers {

    private EventLoopCallers() {
    }

    /** A Vert.x with the bus codecs, the embedder and the router of {@code config}. */
    static Vertx pipeline(LoadedConfig config) throws Exception {
        return pipeline(config, Vertx.vertx(), OpenTelemetry.noop());
    }

    /** The same on {@code vertx}, the embedder and the router tracing to {@code openTelemetry}. */
    static Vertx pipeline(LoadedConfig config, Vertx vertx, OpenTelemetry openTelemetry) throws Exception {
        Codecs.registerAll(vertx.eventBus());
        vertx.deployVerticle(new EmbedderVerticle(config.config().global().embedding(), null, openTelemetry),
                EmbedderVerticle.deploymentOptions(config.config().global().embedding())).await(60, TimeUnit.SECONDS);
        vertx.deployVerticle(new RouterVerticle(RouterSettings.of(config.config()), config.revision(), null,
                SelectionEnvironment.system(), openTelemetry)).await(60, TimeUnit.SECONDS);
        return vertx;
    }

    /**
     * Latencies in nanoseconds of {@code calls} calls per caller, {@code callers} callers at once.
     *
     * @param call starts call number i (from 0) on the caller's event loop; completes when it is answered
     */
    static long[] measure(Vertx vertx, int callers, int calls, IntFunction<Future<?>> call) throws Exception {
        List<Future<long[]>> runs = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            // From a thread outside Vert.x, each call creates a new event-loop context.
            Context caller = vertx.getOrCreateContext();
            Promise<long[]> done = Promise.promise();
            long[] samples = new long[calls];
            caller.runOnContext(v -> next(call, samples, 0, done));
            runs.add(done.future());
        }
        Future.all(runs).await(10, TimeUnit.MINUTES);
        return runs.stream().flatMapToLong(f -> Arrays.stream(f.result())).toArray();
    }

    private static void next(IntFunction<Future<?>> call, long[] samples, int i, Promise<long[]> done) {
        if (i == samples.length) {
            done.complete(samples);
            return;
        }
        long began = System.nanoTime();
        call.apply(i).onComplete(answered -> {
            if (answered.failed()) {
                done.fail(answered.cause());
                return;
            }
            samples[i] = System.nanoTime() - began;
            next(call, samples, i + 1, done);
        });
    }

    /** The percentile (1-100) of the samples. */
    static long percentile(long[] samples, int percentile) {
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
    }
}
