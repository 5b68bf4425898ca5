package dev.switchboard.feedback.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.contracts.bus.ResponseCacheEntry;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CacheEntryJsonTest {

    private static ResponseCacheEntry entry(float[] vector, byte[] body) {
        return new ResponseCacheEntry("global\u0000everyday\u0000local\u0000ctx", "exact-1", vector, "m|guard",
                "local", "text/event-stream", body, 812.5, 12, null, 1_700_000_000_123L, 3_600_000);
    }

    @Test
    void shouldReadBackWhatItWroteWithTheInstanceThatKeptIt() {
        ResponseCacheEntry original = entry(new float[] {0.6f, 0.8f}, "data: [DONE]\n\n".getBytes(
                StandardCharsets.UTF_8));

        JsonObject json = new JsonObject(CacheEntryJson.encode(original, "sb-1").orElseThrow());
        ResponseCacheEntry read = CacheEntryJson.decode(json);

        assertThat(CacheEntryJson.instance(json)).isEqualTo("sb-1");
        assertThat(json.getString("timestamp")).isEqualTo("2023-11-14T22:13:20.123Z");
        assertThat(read).usingRecursiveComparison().isEqualTo(original);
        assertThat(CacheEntryJson.key(read)).isEqualTo(CacheEntryJson.key(original)).hasSize(64);
    }

    @Test
    void shouldKeepAnExactOnlyEntryWithoutAVector() {
        ResponseCacheEntry exactOnly = entry(null, "{}".getBytes(StandardCharsets.UTF_8));

        ResponseCacheEntry read = CacheEntryJson.decode(new JsonObject(CacheEntryJson.encode(exactOnly, "sb-1")
                .orElseThrow()));

        assertThat(read.vector()).isNull();
    }

    @Test
    void shouldNotWriteARecordLargerThanTheBrokersLimit() {
        assertThat(CacheEntryJson.encode(entry(null, new byte[CacheEntryJson.MAX_RECORD_BYTES]), "sb-1")).isEmpty();
        assertThat(CacheEntryJson.encode(entry(null, new byte[700 * 1024]), "sb-1")).isPresent();
    }

    @Test
    void shouldRefuseWhatIsNotAnEntry() {
        JsonObject written = new JsonObject(CacheEntryJson.encode(entry(null, new byte[1]), "sb-1").orElseThrow());

        assertThatThrownBy(() -> CacheEntryJson.decode(written.copy().put("type", "outcome")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CacheEntryJson.decode(written.copy().put("partition", 7)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CacheEntryJson.decode(written.copy().putNull("ttl_ms")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CacheEntryJson.decode(written.copy().put("timestamp", "yesterday")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
