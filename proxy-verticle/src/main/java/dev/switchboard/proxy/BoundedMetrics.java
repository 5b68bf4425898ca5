package dev.switchboard.proxy;

import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.VertxTracerFactory;
import io.vertx.core.tracing.TracingOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.util.Set;

/**
 * Vert.x with its Micrometer metrics, every label drawn from a bounded set. Vert.x labels HTTP meters with the
 * request's method as the client wrote it, so each invented method would be a new series for as long as the process
 * lives (50 requests with made-up methods added 550): methods outside RFC 9110's and PATCH are counted as
 * {@value #OTHER_METHOD}. Status codes are the server's own and the other default labels are Vert.x's pool and
 * event-bus names; nothing else in a label comes from a client.
 */
public final class BoundedMetrics {

    /** The method label's value for every method not in {@link #METHODS}. */
    public static final String OTHER_METHOD = "OTHER";
    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS",
            "TRACE", "PATCH");

    private BoundedMetrics() {
    }

    /** A Vert.x instance whose metrics go to a Prometheus registry known to Vert.x as {@code registryName}. */
    public static Vertx vertx(String registryName) {
        return vertx(registryName, null);
    }

    /**
     * The same, tracing with {@code tracer} (HTTP server and client requests and event-bus messages as spans, the
     * trace context carried along); null for no tracing.
     */
    public static Vertx vertx(String registryName, VertxTracerFactory tracer) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // Before any meter exists: a filter only shapes the meters registered after it.
        registry.config().meterFilter(MeterFilter.replaceTagValues(Label.HTTP_METHOD.toString(),
                method -> METHODS.contains(method) ? method : OTHER_METHOD));
        VertxOptions options = new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
                .setEnabled(true)
                .setRegistryName(registryName)
                .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)));
        VertxBuilder builder = Vertx.builder().withMetrics(new MicrometerMetricsFactory(registry));
        if (tracer != null) {
            options.setTracingOptions(new TracingOptions());
            builder.withTracer(tracer);
        }
        return builder.with(options).build();
    }
}
