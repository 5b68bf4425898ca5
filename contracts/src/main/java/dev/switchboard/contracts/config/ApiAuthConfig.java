package dev.switchboard.contracts.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code global.proxy.auth}: the bearer token each group of HTTP endpoints requires, each named by the environment
 * variable that holds it (never the token itself, so the file can be committed). An unset group is open, except the
 * admin API, which is refused until it has a token. A variable that is named but empty refuses everyone, so that a
 * missing secret never opens an endpoint by mistake.
 *
 * @param feedbackTokenEnv {@code POST /api/v1/feedback}; {@code global.proxy.api_token_env} when unset
 * @param ratingsTokenEnv  {@code GET /api/v1/ratings}; {@code global.proxy.api_token_env} when unset
 * @param metricsTokenEnv  {@code GET /metrics} (Prometheus sends it with {@code authorization.credentials_file})
 * @param adminTokenEnv    the admin API: {@code POST /api/v1/config/reload}
 */
public record ApiAuthConfig(
        @JsonProperty("feedback_token_env") String feedbackTokenEnv,
        @JsonProperty("ratings_token_env") String ratingsTokenEnv,
        @JsonProperty("metrics_token_env") String metricsTokenEnv,
        @JsonProperty("admin_token_env") String adminTokenEnv) {

    public static final ApiAuthConfig NONE = new ApiAuthConfig(null, null, null, null);

    /** This config with {@code api_token_env}, the older single setting, standing in for feedback and ratings. */
    ApiAuthConfig withLegacyToken(String apiTokenEnv) {
        return new ApiAuthConfig(feedbackTokenEnv != null ? feedbackTokenEnv : apiTokenEnv,
                ratingsTokenEnv != null ? ratingsTokenEnv : apiTokenEnv, metricsTokenEnv, adminTokenEnv);
    }
}
