package dev.switchboard.contracts.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * {@code global.proxy}: request limits and timeouts of both ingresses. Read at start-up, like the listening sockets.
 *
 * @param maxBodyBytes          largest chat body accepted, in bytes; larger ones get 413. 10 MiB by default
 * @param routeTimeout          how long a request waits for the router before the default model serves it; 2 s
 * @param backendConnectTimeout how long the HTTP proxy waits to connect to a model's backend; 10 s by default
 * @param backendIdleTimeout    how long the HTTP proxy waits for the next byte of a backend's answer before giving
 *                              up (502 before the answer started, a reset stream after); 300 s by default, since a
 *                              large model may think for minutes before its first token
 * @param apiTokenEnv           name of the environment variable holding the bearer token that
 *                              {@code /api/v1/feedback} and {@code /api/v1/ratings} require unless {@code auth}
 *                              names their own; null (default): open
 * @param maxJsonDepth          deepest nesting of objects and arrays in a chat body; deeper gets 400. 128 by
 *                              default (tool schemas nest, prompts do not)
 * @param maxMessages           most entries in a chat body's {@code messages}; more gets 400. 2048 by default, the
 *                              OpenAI API's own bound
 * @param auth                  bearer tokens per group of endpoints ({@link ApiAuthConfig})
 */
public record ProxyConfig(
        @JsonProperty("max_body_bytes") Long maxBodyBytes,
        @JsonProperty("route_timeout") Duration routeTimeout,
        @JsonProperty("backend_connect_timeout") Duration backendConnectTimeout,
        @JsonProperty("backend_idle_timeout") Duration backendIdleTimeout,
        @JsonProperty("api_token_env") String apiTokenEnv,
        @JsonProperty("max_json_depth") Integer maxJsonDepth,
        @JsonProperty("max_messages") Integer maxMessages,
        ApiAuthConfig auth) {

    public static final long DEFAULT_MAX_BODY_BYTES = 10L * 1024 * 1024;
    public static final int DEFAULT_MAX_JSON_DEPTH = 128;
    public static final int DEFAULT_MAX_MESSAGES = 2048;
    /** gRPC messages and Vert.x bodies are held in memory whole; beyond this a limit is a misconfiguration. */
    public static final long LARGEST_MAX_BODY_BYTES = 256L * 1024 * 1024;

    public ProxyConfig {
        maxBodyBytes = maxBodyBytes == null ? DEFAULT_MAX_BODY_BYTES : maxBodyBytes;
        routeTimeout = routeTimeout == null ? Duration.ofSeconds(2) : routeTimeout;
        backendConnectTimeout = backendConnectTimeout == null ? Duration.ofSeconds(10) : backendConnectTimeout;
        backendIdleTimeout = backendIdleTimeout == null ? Duration.ofSeconds(300) : backendIdleTimeout;
        maxJsonDepth = maxJsonDepth == null ? DEFAULT_MAX_JSON_DEPTH : maxJsonDepth;
        maxMessages = maxMessages == null ? DEFAULT_MAX_MESSAGES : maxMessages;
        auth = (auth == null ? ApiAuthConfig.NONE : auth).withLegacyToken(apiTokenEnv);
    }

    /** Every setting at its default. */
    public static ProxyConfig defaults() {
        return new ProxyConfig(null, null, null, null, null, null, null, null);
    }
}
