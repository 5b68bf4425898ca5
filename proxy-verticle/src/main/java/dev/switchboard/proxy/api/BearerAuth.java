package dev.switchboard.proxy.api;

import dev.switchboard.proxy.ErrorResponses;
import dev.switchboard.proxy.openai.ApiError;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bearer token one group of endpoints requires ({@code global.proxy.auth}), checked before anything else of the
 * request is looked at. Tokens are compared as SHA-256 digests with {@link MessageDigest#isEqual}, so the time taken
 * tells a caller neither how much of a guess was right nor how long the token is.
 */
public final class BearerAuth implements Handler<RoutingContext> {

    private static final Logger LOGGER = LoggerFactory.getLogger(BearerAuth.class);
    private static final String SCHEME = "Bearer ";

    /** What the group requires when its variable is not configured. */
    public enum Unset { OPEN, REFUSED }

    /** Digest of the token; null when the endpoints are open, or refused to everyone ({@link #refusal}). */
    private final byte[] expected;
    /** Why every request is refused, told to the client; null unless the endpoints are disabled. */
    private final String refusal;

    private BearerAuth(byte[] expected, String refusal) {
        this.expected = expected;
        this.refusal = refusal;
    }

    /**
     * @param setting  the config path that names the variable ({@code global.proxy.auth.metrics_token_env}), told
     *                 to clients that are refused and to the log
     * @param variable the environment variable holding the token; null when not configured
     * @param unset    what happens when {@code variable} is null
     * @param env      the process environment ({@code System::getenv})
     */
    public static BearerAuth fromEnvironment(String setting, String variable, Unset unset, UnaryOperator<String> env) {
        if (variable == null) {
            return new BearerAuth(null, unset == Unset.REFUSED
                    ? "this endpoint is disabled until " + setting + " names a token" : null);
        }
        String token = env.apply(variable);
        if (token == null || token.isBlank()) {
            // Named but empty: refuse everyone rather than open the endpoints because a secret did not arrive.
            LOGGER.atWarn().setMessage("api_token_missing").addKeyValue("setting", setting)
                    .addKeyValue("variable", variable).log();
            return new BearerAuth(null, "this endpoint is disabled: the variable " + setting + " names is empty");
        }
        return new BearerAuth(digest(token), null);
    }

    /** Whether a token is required (or the endpoints are refused outright). */
    public boolean protects() {
        return expected != null || refusal != null;
    }

    @Override
    public void handle(RoutingContext rc) {
        if (refusal != null) {
            reply(rc, 403, refusal, "endpoint_disabled");
        } else if (expected == null) {
            rc.next();
        } else if (matches(rc.request().getHeader(HttpHeaders.AUTHORIZATION))) {
            rc.next();
        } else {
            rc.response().putHeader(io.netty.handler.codec.http.HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
            reply(rc, 401, "a valid 'Authorization: Bearer <token>' header is required", "unauthorized");
        }
    }

    private boolean matches(String header) {
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        return MessageDigest.isEqual(digest(header.substring(SCHEME.length()).trim()), expected);
    }

    private static void reply(RoutingContext rc, int status, String message, String code) {
        ErrorResponses.send(rc, status, ApiError.of(message, ApiError.INVALID_REQUEST, code));
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
