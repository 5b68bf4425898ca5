package dev.switchboard.app.tracing;

import dev.switchboard.contracts.config.TracingConfig;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The process's OpenTelemetry SDK, built from {@code global.services.observability.tracing} with the standard
 * {@code OTEL_*} environment variables (and {@code otel.*} system properties) over it: the file's values are the
 * SDK's defaults, so that a deployment can redirect or turn off traces without editing the file. Traces only; the
 * metrics stay on Prometheus and the logs on stdout. W3C trace context and baggage are propagated. Never made the
 * global instance: everything that traces is handed this one.
 */
public final class Tracing implements AutoCloseable {

    /** OTLP's own receiver ports on this machine, when the file names none. */
    static final String DEFAULT_GRPC_ENDPOINT = "127.0.0.1:4317";
    static final String DEFAULT_HTTP_ENDPOINT = "127.0.0.1:4318";
    static final String HTTP_TRACES_PATH = "/v1/traces";
    private static final String SDK_DISABLED = "otel.sdk.disabled";

    private final OpenTelemetrySdk sdk;
    private final boolean enabled;

    private Tracing(OpenTelemetrySdk sdk, boolean enabled) {
        this.sdk = sdk;
        this.enabled = enabled;
    }

    /** The SDK the config and the environment describe; one that records nothing when tracing is off. */
    public static Tracing of(TracingConfig config) {
        Map<String, String> defaults = properties(config);
        AtomicBoolean disabled = new AtomicBoolean(true);
        OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> defaults)
                // Sees the properties as the SDK resolved them, the environment's over the file's; adds none.
                .addPropertiesCustomizer(resolved -> {
                    disabled.set(resolved.getBoolean(SDK_DISABLED, false));
                    return Map.of();
                })
                .disableShutdownHook()
                .build()
                .getOpenTelemetrySdk();
        return new Tracing(sdk, !disabled.get());
    }

    /** What the file says, as the SDK's {@code otel.*} properties. */
    static Map<String, String> properties(TracingConfig config) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(SDK_DISABLED, String.valueOf(!config.enabled()));
        p.put("otel.traces.exporter", "otlp");
        p.put("otel.metrics.exporter", "none");
        p.put("otel.logs.exporter", "none");
        p.put("otel.propagators", "tracecontext,baggage");
        p.put("otel.service.name", config.resource().serviceName());
        StringJoiner attributes = new StringJoiner(",");
        if (config.resource().serviceVersion() != null) {
            attributes.add("service.version=" + config.resource().serviceVersion());
        }
        if (config.resource().deploymentEnvironment() != null) {
            attributes.add("deployment.environment.name=" + config.resource().deploymentEnvironment());
        }
        config.resource().attributes().forEach((key, value) -> attributes.add(key + "=" + value));
        if (attributes.length() > 0) {
            p.put("otel.resource.attributes", attributes.toString());
        }
        TracingConfig.Exporter exporter = config.exporter();
        p.put("otel.exporter.otlp.traces.protocol", exporter.protocol());
        p.put("otel.exporter.otlp.traces.endpoint", endpoint(exporter));
        // A sampled parent (the gateway's traceparent) is followed; the rate decides where a trace starts.
        switch (config.sampling().type()) {
            case TracingConfig.SAMPLING_ALWAYS_OFF -> p.put("otel.traces.sampler", "parentbased_always_off");
            case TracingConfig.SAMPLING_PROBABILISTIC -> {
                p.put("otel.traces.sampler", "parentbased_traceidratio");
                p.put("otel.traces.sampler.arg", String.valueOf(config.sampling().rate()));
            }
            default -> p.put("otel.traces.sampler", "parentbased_always_on");
        }
        return p;
    }

    /**
     * The exporter's URL: the reference's {@code host:port} gets the scheme {@code insecure} says, and HTTP the
     * {@code /v1/traces} path that OTLP/HTTP receivers listen on; a URL is taken as it is.
     */
    static String endpoint(TracingConfig.Exporter exporter) {
        boolean http = TracingConfig.PROTOCOL_HTTP_PROTOBUF.equals(exporter.protocol());
        String endpoint = exporter.endpoint() != null ? exporter.endpoint()
                : http ? DEFAULT_HTTP_ENDPOINT : DEFAULT_GRPC_ENDPOINT;
        if (endpoint.contains("://")) {
            return endpoint;
        }
        String url = (exporter.insecure() ? "http://" : "https://") + endpoint;
        return http && URI.create(url).getPath().isEmpty() ? url + HTTP_TRACES_PATH : url;
    }

    public OpenTelemetry openTelemetry() {
        return sdk;
    }

    /** Whether traces are on, by the file or by {@code OTEL_SDK_DISABLED=false} (else Vert.x gets no tracer). */
    public boolean enabled() {
        return enabled;
    }

    /** Exports what is buffered (at most 5 s) and stops. */
    @Override
    public void close() {
        sdk.shutdown().join(5, TimeUnit.SECONDS);
    }
}
