package dev.switchboard.proxy.openai;

import io.vertx.core.json.JsonObject;

/** An OpenAI-style error body: {@code {"error": {"message", "type", "param", "code"}}}, for both ingresses. */
public final class ApiError {

    public static final String INVALID_REQUEST = "invalid_request_error";
    public static final String SERVER_ERROR = "server_error";

    private ApiError() {
    }

    /** The answer to a chat body over the configured limit, the same from both ingresses. */
    public static JsonObject tooLarge(long maxBodyBytes) {
        return of("the request body is larger than " + maxBodyBytes + " bytes (global.proxy.max_body_bytes)",
                INVALID_REQUEST, "request_too_large");
    }

    public static JsonObject of(String message, String type, String code) {
        return new JsonObject().put("error", new JsonObject().put("message", message).put("type", type)
                .put("param", (Object) null).put("code", code));
    }
}
