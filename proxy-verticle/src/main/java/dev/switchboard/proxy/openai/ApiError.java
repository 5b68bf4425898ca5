package dev.switchboard.proxy.openai;

import io.vertx.core.json.JsonObject;

/** An OpenAI-style error body: {@code {"error": {"message", "type", "param", "code"}}}, for both ingresses. */
public final class ApiError {

    public static final String INVALID_REQUEST = "invalid_request_error";
    public static final String SERVER_ERROR = "server_error";
    public static final String REQUEST_TOO_LARGE = "request_too_large";

    private ApiError() {
    }

    /** The answer to a chat body over the configured limit, the same from both ingresses. */
    public static JsonObject tooLarge(long maxBodyBytes) {
        return tooLarge(maxBodyBytes, "global.proxy.max_body_bytes");
    }

    /** A body over a limit, naming the limit: {@code setting} is its config key or what fixes it. */
    public static JsonObject tooLarge(long maxBytes, String setting) {
        return of("the request body is larger than " + maxBytes + " bytes (" + setting + ")", INVALID_REQUEST,
                REQUEST_TOO_LARGE);
    }

    public static JsonObject of(String message, String type, String code) {
        return of(message, type, code, null);
    }

    /** With the offending field, {@code param}, as OpenAI names it ({@code messages[0].role}). */
    public static JsonObject of(String message, String type, String code, String param) {
        return new JsonObject().put("error", new JsonObject().put("message", message).put("type", type)
                .put("param", param).put("code", code));
    }
}
