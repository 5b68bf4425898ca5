package dev.switchboard.proxy;

import dev.switchboard.contracts.config.ServerConfig;
import dev.switchboard.proxy.api.ApiAccess;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an operator should hear at start when a listener binds beyond loopback: prompts would cross the network in
 * cleartext, or endpoints that change or reveal what was learned would answer anyone who can reach the port.
 * Loopback binds (the default) warn about nothing: the host is the trust boundary there.
 */
final class ExposureWarnings {

    private static final Logger LOGGER = LoggerFactory.getLogger(ExposureWarnings.class);
    static final String WITHOUT_TLS = "listener_exposed_without_tls";
    static final String WITHOUT_TOKEN = "endpoints_exposed_without_token";

    /** One warning: its log message and the setting that would silence it. */
    record Warning(String message, String listener, String setting) {
    }

    private ExposureWarnings() {
    }

    static List<Warning> of(ServerConfig http, ServerConfig extproc, ApiAccess access) {
        List<Warning> warnings = new ArrayList<>();
        if (http.exposed() && http.tls() == null) {
            warnings.add(new Warning(WITHOUT_TLS, "global.services.http", "global.services.http.tls"));
        }
        if (extproc.exposed() && extproc.tls() == null) {
            warnings.add(new Warning(WITHOUT_TLS, "global.services.extproc", "global.services.extproc.tls"));
        }
        if (http.exposed()) {
            if (!access.feedback().protects()) {
                warnings.add(new Warning(WITHOUT_TOKEN, "global.services.http", "global.proxy.auth.feedback_token_env"));
            }
            if (!access.ratings().protects()) {
                warnings.add(new Warning(WITHOUT_TOKEN, "global.services.http", "global.proxy.auth.ratings_token_env"));
            }
            if (!access.metrics().protects()) {
                warnings.add(new Warning(WITHOUT_TOKEN, "global.services.http", "global.proxy.auth.metrics_token_env"));
            }
        }
        return warnings;
    }

    static void log(ServerConfig http, ServerConfig extproc, ApiAccess access) {
        for (Warning warning : of(http, extproc, access)) {
            LOGGER.atWarn().setMessage(warning.message()).addKeyValue("listener", warning.listener())
                    .addKeyValue("setting", warning.setting()).log();
        }
    }
}
