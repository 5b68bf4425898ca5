package dev.switchboard.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.config.ApiAuthConfig;
import dev.switchboard.contracts.config.ConfigLoader;
import dev.switchboard.contracts.config.ServicesConfig;
import dev.switchboard.proxy.api.ApiAccess;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A listener bound beyond loopback without TLS, or with endpoints open, is said at start; loopback is quiet. */
class ExposureWarningsTest {

    private static ServicesConfig services(String block) throws Exception {
        return ConfigLoader.parse(TestProxies.homelabWithProxy("{}").replace(
                "    http: {port: 0}\n    extproc: {port: 0}\n", block), "t").config().global().services();
    }

    @Test
    void shouldWarnAboutNothingOnLoopback() throws Exception {
        ServicesConfig loopback = services("    http: {port: 0}\n    extproc: {port: 0}\n");

        assertThat(ExposureWarnings.of(loopback.http(), loopback.extproc(), ApiAccess.OPEN)).isEmpty();
    }

    @Test
    void shouldNameEachExposedListenerWithoutTlsAndEachOpenGroup() throws Exception {
        ServicesConfig exposed = services("    http: {bind: 0.0.0.0, port: 0}\n    extproc: {bind: 10.0.0.5, port: 0}\n");

        assertThat(ExposureWarnings.of(exposed.http(), exposed.extproc(), ApiAccess.OPEN))
                .extracting(ExposureWarnings.Warning::setting)
                .containsExactly("global.services.http.tls", "global.services.extproc.tls",
                        "global.proxy.auth.feedback_token_env", "global.proxy.auth.ratings_token_env",
                        "global.proxy.auth.metrics_token_env");
    }

    @Test
    void shouldBeQuietAboutTokensOnceEveryGroupHasOne() throws Exception {
        ServicesConfig exposed = services("    http: {bind: 0.0.0.0, port: 0}\n    extproc: {port: 0}\n");
        Map<String, String> env = Map.of("T", "secret");
        ApiAccess tokens = ApiAccess.of(new ApiAuthConfig("T", "T", "T", "T"), env::get);

        assertThat(ExposureWarnings.of(exposed.http(), exposed.extproc(), tokens))
                .extracting(ExposureWarnings.Warning::message).containsExactly(ExposureWarnings.WITHOUT_TLS);
    }
}
