package dev.switchboard.bench;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.RouteDecision;
import dev.switchboard.contracts.bus.RouteRequest;
import dev.switchboard.contracts.config.ConfigLoader;
import dev.switchboard.contracts.config.LoadedConfig;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.tracing.TracingOptions;
import io.vertx.tracing.opentelemetry.OpenTelemetryTracingFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What tracing costs routing: {@code router.route} with the real embedder and the homelab config (prompt cache off,
 * so every request embeds), once with tracing off (no tracer, a no-op OpenTelemetry: the default) and once with the
 * SDK sampling every request, as Switchboard runs it (Vert.x's tracer on the event bus, the routing, step and
 * embedding spans, a batch span processor). Each request is sent within a sampled remote parent, as a gateway's
 * {@code traceparent} would make it. The spans go to an exporter that counts them: sending them over the network is
 * the batch processor's thread's work, not the request's. The two runs alternate, ten short rounds each, so that drift
 * on the machine falls on both.
 *
 * <p>Usage: {@code java -jar bench/target/switchboard-bench.jar routing-tracing [calls] [warm-up] [config]}
 * (default 300, 300, conf/config.yaml).
 */
public final class TracingOverheadBench {

    private static final String PROMPT = "Write me a Python function to compute fibonacci numbers"; // 16 tokens
    private static final SpanContext GATEWAY = SpanContext.createFromRemoteParent(
            "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.getDefault());
    private static final int ROUNDS = 10;

    private TracingOverheadBench() {
    }

    /** Counts what it is given, and keeps nothing. */
    private static final class CountingExporter implements SpanExporter {
        final AtomicLong spans = new AtomicLong();

        @Override
        public CompletableResultCode export(Collection<SpanData> batch) {
            spans.addAndGet(batch.size());
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        Path file = Path.of(args.length > 2 ? args[2] : "conf/config.yaml");
        String yaml = Files.readString(file) + "\nglobal:\n  embedding:\n    cache_size: 0\n";
        LoadedConfig config = ConfigLoader.parse(yaml, file + " (prompt cache off)");

        Vertx off = EventLoopCallers.pipeline(config);
        CountingExporter exporter = new CountingExporter();
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().setSampler(Sampler.parentBased(Sampler.alwaysOn()))
                        .addSpanProcessor(BatchSpanProcessor.builder(exporter).build()).build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
        Vertx on = EventLoopCallers.pipeline(config, Vertx.builder().withTracer(new OpenTelemetryTracingFactory(sdk))
                .with(new VertxOptions().setTracingOptions(new TracingOptions())).build(), sdk);

        System.out.printf("%s, %d cores, JVM %s; %s; %d rounds of %d calls per caller after %d warm-up calls%n%n",
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), file, ROUNDS, calls, warmup);
        System.out.println("| callers | tracing | router.route p50 / p99 (ms) |");
        System.out.println("|---|---|---|");
        for (int callers : new int[] {1, 8}) {
            EventLoopCallers.measure(off, callers, warmup, i -> route(off, i, null));
            EventLoopCallers.measure(on, callers, warmup, i -> route(on, i, sdk));
            long[][] samples = new long[2][];
            for (int round = 0; round < ROUNDS; round++) {
                samples[0] = concat(samples[0], EventLoopCallers.measure(off, callers, calls, i -> route(off, i, null)));
                samples[1] = concat(samples[1], EventLoopCallers.measure(on, callers, calls, i -> route(on, i, sdk)));
            }
            for (int traced = 0; traced < 2; traced++) {
                System.out.printf("| %d | %s | %.3f / %.3f |%n", callers, traced == 0 ? "off" : "on, 100 %",
                        EventLoopCallers.percentile(samples[traced], 50) / 1e6,
                        EventLoopCallers.percentile(samples[traced], 99) / 1e6);
            }
        }
        sdk.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
        System.out.printf("%nspans exported with tracing on: %,d%n", exporter.spans.get());
        off.close().await(30, TimeUnit.SECONDS);
        on.close().await(30, TimeUnit.SECONDS);
        sdk.close();
    }

    private static long[] concat(long[] a, long[] b) {
        if (a == null) {
            return b;
        }
        long[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** One routing request; with {@code traced}, sent within the gateway's sampled span. */
    private static Future<RouteDecision> route(Vertx vertx, int i, OpenTelemetry traced) {
        RouteRequest request = new RouteRequest("bench-" + i, "MoM", PROMPT, List.of(), 16, null, null, false,
                "bench");
        DeliveryOptions options = new DeliveryOptions().setSendTimeout(60_000);
        if (traced == null) {
            return vertx.eventBus().<RouteDecision>request(Addresses.ROUTER_ROUTE, request, options)
                    .map(reply -> reply.body());
        }
        try (Scope ignored = Context.root().with(Span.wrap(GATEWAY)).makeCurrent()) {
            return vertx.eventBus().<RouteDecision>request(Addresses.ROUTER_ROUTE, request, options)
                    .map(reply -> reply.body());
        }
    }
}
