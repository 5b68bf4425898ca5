package dev.switchboard.proxy.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.config.ResponseCachePlugin.RequestControls;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A client's cache directives count only when allowed, and cannot keep an answer past the operator's limit. */
class CacheDirectivesTest {

    private static final RequestControls ALL = new RequestControls(true, null, null, 600);

    @Test
    void shouldReadEachDirective() {
        assertThat(CacheDirectives.parse("no-cache", ALL)).isEqualTo(new CacheDirectives(false, true, null, null));
        assertThat(CacheDirectives.parse("NO-STORE", ALL)).isEqualTo(new CacheDirectives(true, false, null, null));
        assertThat(CacheDirectives.parse("bypass", ALL)).isEqualTo(new CacheDirectives(false, false, null, null));
        assertThat(CacheDirectives.parse("max-age=30, ttl=120", ALL)).isEqualTo(new CacheDirectives(true, true, 30L, 120L));
    }

    @Test
    void shouldClampTheTtlAndIgnoreWhatIsMalformedOrNotAllowed() {
        assertThat(CacheDirectives.parse("ttl=999999", ALL).ttlSeconds()).isEqualTo(600);
        assertThat(CacheDirectives.parse("ttl=-5, max-age=soon, refresh", ALL)).isEqualTo(CacheDirectives.NONE);
        RequestControls ttlOnly = new RequestControls(true, null, List.of("ttl"), null);
        assertThat(CacheDirectives.parse("bypass, ttl=60", ttlOnly)).isEqualTo(new CacheDirectives(true, true, null, 60L));
        assertThat(CacheDirectives.parse("bypass", new RequestControls(false, null, null, null)))
                .isEqualTo(CacheDirectives.NONE);
    }
}
