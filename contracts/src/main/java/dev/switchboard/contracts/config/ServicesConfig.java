package dev.switchboard.contracts.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * {@code global.services}: where Switchboard listens.
 *
 * @param http         HTTP: health, readiness, metrics and the OpenAI-compatible API; 127.0.0.1:8080 by default
 * @param extproc      Envoy ExtProc gRPC; 127.0.0.1:50051 by default (each with its connection limits,
 *                     {@link ServerConfig})
 * @param drainTimeout how long in-flight requests may take to finish on shutdown; 10 s by default
 * @param observability traces ({@link TracingConfig}); read at start-up
 */
public record ServicesConfig(
        ServerConfig http,
        ServerConfig extproc,
        @JsonProperty("drain_timeout") Duration drainTimeout,
        ObservabilityConfig observability) {

    public static final int DEFAULT_HTTP_PORT = 8080;
    public static final int DEFAULT_EXTPROC_PORT = 50051;

    public ServicesConfig {
        http = http == null ? ServerConfig.HTTP_DEFAULTS : http.withDefaults(ServerConfig.HTTP_DEFAULTS);
        extproc = extproc == null ? ServerConfig.EXTPROC_DEFAULTS : extproc.withDefaults(ServerConfig.EXTPROC_DEFAULTS);
        drainTimeout = drainTimeout == null ? Duration.ofSeconds(10) : drainTimeout;
        observability = observability == null ? ObservabilityConfig.defaults() : observability;
    }
}
