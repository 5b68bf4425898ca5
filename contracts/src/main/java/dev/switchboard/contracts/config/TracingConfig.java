package dev.switchboard.contracts.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * {@code global.services.observability.tracing}: OpenTelemetry traces, in the reference's keys. Off by default. The
 * standard {@code OTEL_*} environment variables override what is set here (an operator's deployment wins over the
 * file), as the OpenTelemetry SDK's own configuration does.
 *
 * @param enabled  false by default
 * @param provider {@code opentelemetry}, the only one
 * @param exporter where spans go
 * @param sampling which traces are kept
 * @param resource what the spans say about this process
 */
public record TracingConfig(Boolean enabled, String provider, Exporter exporter, Sampling sampling,
        Resource resource) {

    public static final String PROVIDER_OPENTELEMETRY = "opentelemetry";
    public static final String EXPORTER_OTLP = "otlp";
    public static final String PROTOCOL_GRPC = "grpc";
    public static final String PROTOCOL_HTTP_PROTOBUF = "http/protobuf";
    public static final List<String> PROTOCOLS = List.of(PROTOCOL_GRPC, PROTOCOL_HTTP_PROTOBUF);
    public static final String SAMPLING_ALWAYS_ON = "always_on";
    public static final String SAMPLING_ALWAYS_OFF = "always_off";
    public static final String SAMPLING_PROBABILISTIC = "probabilistic";
    public static final List<String> SAMPLING_TYPES = List.of(SAMPLING_ALWAYS_ON, SAMPLING_ALWAYS_OFF,
            SAMPLING_PROBABILISTIC);

    public TracingConfig {
        enabled = enabled != null && enabled;
        provider = provider == null ? PROVIDER_OPENTELEMETRY : provider;
        exporter = exporter == null ? new Exporter(null, null, null, null) : exporter;
        sampling = sampling == null ? new Sampling(null, null) : sampling;
        resource = resource == null ? new Resource(null, null, null, null) : resource;
    }

    static TracingConfig defaults() {
        return new TracingConfig(null, null, null, null, null);
    }

    /**
     * {@code exporter}.
     *
     * @param type     {@code otlp}, the only one
     * @param endpoint the receiver: {@code host:port} or a URL; by default OTLP's own, 127.0.0.1:4317 for gRPC and
     *                 http://127.0.0.1:4318 for HTTP (where {@code /v1/traces} is added)
     * @param insecure true (the default) for plain text to a {@code host:port} endpoint; false for TLS
     * @param protocol {@code grpc} (the default, as OTLP's port 4317 in the reference's file implies) or
     *                 {@code http/protobuf}
     */
    public record Exporter(String type, String endpoint, Boolean insecure, String protocol) {
        public Exporter {
            type = type == null ? EXPORTER_OTLP : type;
            insecure = insecure == null || insecure;
            protocol = protocol == null ? PROTOCOL_GRPC : protocol;
        }
    }

    /**
     * {@code sampling}: decided where a trace starts; a request that comes with a sampled parent (the gateway's
     * {@code traceparent}) follows its parent's decision.
     *
     * @param type {@code always_on} (the default), {@code always_off} or {@code probabilistic}
     * @param rate for {@code probabilistic}, the share of traces kept, 0 to 1; 1 by default
     */
    public record Sampling(String type, Double rate) {
        public Sampling {
            type = type == null ? SAMPLING_ALWAYS_ON : type;
            rate = rate == null ? 1.0 : rate;
        }
    }

    /**
     * {@code resource}.
     *
     * @param serviceName           {@code service.name}; {@code switchboard} by default
     * @param serviceVersion        {@code service.version}; nullable
     * @param deploymentEnvironment {@code deployment.environment.name}; nullable
     * @param attributes            any other resource attributes
     */
    public record Resource(
            @JsonProperty("service_name") String serviceName,
            @JsonProperty("service_version") String serviceVersion,
            @JsonProperty("deployment_environment") String deploymentEnvironment,
            Map<String, String> attributes) {
        public Resource {
            serviceName = serviceName == null ? "switchboard" : serviceName;
            attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        }
    }
}
