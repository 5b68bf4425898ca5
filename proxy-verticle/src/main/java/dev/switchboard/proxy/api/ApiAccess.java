package dev.switchboard.proxy.api;

import dev.switchboard.contracts.config.ApiAuthConfig;
import java.util.function.UnaryOperator;

/**
 * Who may call which HTTP endpoints: one {@link BearerAuth} per group of {@code global.proxy.auth}. The OpenAI API
 * itself ({@code /v1/*}) and the health probes stay open: the gateway in front authenticates the callers of the
 * model API, and probes must answer without secrets.
 */
public record ApiAccess(BearerAuth feedback, BearerAuth ratings, BearerAuth metrics, BearerAuth admin,
        BearerAuth dashboard) {

    private static final String PATH = "global.proxy.auth.";

    /** Everything open but the admin API; for tests and the start-up probe of a config without tokens. */
    public static final ApiAccess OPEN = of(ApiAuthConfig.NONE, name -> null);

    public static ApiAccess of(ApiAuthConfig auth, UnaryOperator<String> env) {
        return new ApiAccess(
                BearerAuth.fromEnvironment(PATH + "feedback_token_env", auth.feedbackTokenEnv(), BearerAuth.Unset.OPEN, env),
                BearerAuth.fromEnvironment(PATH + "ratings_token_env", auth.ratingsTokenEnv(), BearerAuth.Unset.OPEN, env),
                BearerAuth.fromEnvironment(PATH + "metrics_token_env", auth.metricsTokenEnv(), BearerAuth.Unset.OPEN, env),
                // Reloading is an operator's act: without a token of its own the admin API answers 403.
                BearerAuth.fromEnvironment(PATH + "admin_token_env", auth.adminTokenEnv(), BearerAuth.Unset.REFUSED, env),
                // The dashboard shows counts, never prompts: open on a loopback-bound process, the admin's when set.
                BearerAuth.fromEnvironment(PATH + "admin_token_env", auth.adminTokenEnv(), BearerAuth.Unset.OPEN, env));
    }
}
