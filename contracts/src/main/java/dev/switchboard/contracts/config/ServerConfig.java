package dev.switchboard.contracts.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * A listening address and what one connection may cost it. Unset limits take the listener's defaults
 * ({@link #HTTP_DEFAULTS}, {@link #EXTPROC_DEFAULTS}).
 *
 * @param bind                 address to bind; {@code 127.0.0.1} by default, so nothing is exposed unless configured
 * @param port                 TCP port; 0 picks a free port (tests)
 * @param idleTimeout          how long a connection may stay open with no request in flight before it is closed:
 *                             between requests on a kept-alive HTTP/1 connection, with no stream open on HTTP/2.
 *                             A request waiting for its model is not idle. HTTP 60 s, ExtProc 300 s (gateways keep
 *                             their connections to the processor)
 * @param headerReadTimeout    how long a connection may take from opening (and from each response) to the complete
 *                             headers of a request: a client trickling a header line at a time, or silent, is closed.
 *                             10 s on both
 * @param requestTimeout       how long reading one HTTP request's body may take; 408 after it. 60 s. Not used on the
 *                             ExtProc listener, whose streams last as long as the gateway's request
 * @param maxHeaderBytes       largest request line plus headers (HTTP/1) or header list (HTTP/2); 431 beyond. 32 KiB
 * @param maxHeaders           most request headers; 431 beyond. 100
 * @param maxConcurrentStreams HTTP/2 streams one connection may have open at once. HTTP 100, ExtProc 1000
 * @param tls                  TLS for this listener ({@link TlsConfig}); null (default): cleartext
 */
public record ServerConfig(
        String bind,
        Integer port,
        @JsonProperty("idle_timeout") Duration idleTimeout,
        @JsonProperty("header_read_timeout") Duration headerReadTimeout,
        @JsonProperty("request_timeout") Duration requestTimeout,
        @JsonProperty("max_header_bytes") Integer maxHeaderBytes,
        @JsonProperty("max_headers") Integer maxHeaders,
        @JsonProperty("max_concurrent_streams") Long maxConcurrentStreams,
        TlsConfig tls) {

    public static final String DEFAULT_BIND = "127.0.0.1";

    static final ServerConfig HTTP_DEFAULTS = new ServerConfig(DEFAULT_BIND, ServicesConfig.DEFAULT_HTTP_PORT,
            Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(60), 32 * 1024, 100, 100L, null);
    static final ServerConfig EXTPROC_DEFAULTS = new ServerConfig(DEFAULT_BIND, ServicesConfig.DEFAULT_EXTPROC_PORT,
            Duration.ofSeconds(300), Duration.ofSeconds(10), Duration.ofSeconds(60), 32 * 1024, 100, 1000L, null);

    public ServerConfig {
        bind = bind == null ? DEFAULT_BIND : bind;
    }

    /** This listener with each unset field taken from {@code defaults}. */
    ServerConfig withDefaults(ServerConfig defaults) {
        return new ServerConfig(bind, or(port, defaults.port), or(idleTimeout, defaults.idleTimeout),
                or(headerReadTimeout, defaults.headerReadTimeout), or(requestTimeout, defaults.requestTimeout),
                or(maxHeaderBytes, defaults.maxHeaderBytes), or(maxHeaders, defaults.maxHeaders),
                or(maxConcurrentStreams, defaults.maxConcurrentStreams), tls);
    }

    /** Whether this listener binds to an address other hosts can reach. */
    public boolean exposed() {
        return !("127.0.0.1".equals(bind) || "localhost".equals(bind) || "::1".equals(bind) || bind.startsWith("127."));
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
