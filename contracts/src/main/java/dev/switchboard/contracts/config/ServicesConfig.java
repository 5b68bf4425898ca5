package dev.switchboard.contracts.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * {@code global.services}: where Switchboard listens.
 *
 * @param http         HTTP: health, readiness, metrics and the OpenAI-compatible API; 127.0.0.1:8080 by default
 * @param extproc      Envoy ExtProc gRPC; 127.0.0.1:50051 by default
 * @param drainTimeout how long in-flight requests may take to finish on shutdown; 10 s by default
 */
public record ServicesConfig(
        ServerConfig http,
        ServerConfig extproc,
        @JsonProperty("drain_timeout") Duration drainTimeout) {

    public static final int DEFAULT_HTTP_PORT = 8080;
    public static final int DEFAULT_EXTPROC_PORT = 50051;

    public ServicesConfig {
        http = http == null ? new ServerConfig(null, DEFAULT_HTTP_PORT) : http.withDefaultPort(DEFAULT_HTTP_PORT);
        extproc = extproc == null
                ? new ServerConfig(null, DEFAULT_EXTPROC_PORT) : extproc.withDefaultPort(DEFAULT_EXTPROC_PORT);
        drainTimeout = drainTimeout == null ? Duration.ofSeconds(10) : drainTimeout;
    }
}
