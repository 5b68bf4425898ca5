package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

class JsonLineEncoderTest {

    @Test
    void shouldWriteOneJsonObjectPerLineWithKeyValuesAtTheTopLevel() {
        LoggingEvent event = new LoggingEvent("fqcn", new LoggerContext().getLogger("dev.switchboard.router"),
                Level.INFO, "routing_decision", null, null);
        event.setKeyValuePairs(List.of(new KeyValuePair("original_model", "MoM"),
                new KeyValuePair("routing_latency_ms", 1), new KeyValuePair("confidence", 0.75),
                new KeyValuePair("fallback", false), new KeyValuePair("candidates", List.of("a", "b"))));

        String line = new String(new JsonLineEncoder().encode(event), StandardCharsets.UTF_8);

        assertThat(line).endsWith("\n").doesNotContain("\n\n");
        JsonObject json = new JsonObject(line);
        assertThat(json.getString("msg")).isEqualTo("routing_decision");
        assertThat(json.getString("level")).isEqualTo("INFO");
        assertThat(json.getString("logger")).isEqualTo("dev.switchboard.router");
        assertThat(json.getString("original_model")).isEqualTo("MoM");
        assertThat(json.getInteger("routing_latency_ms")).isEqualTo(1);
        assertThat(json.getDouble("confidence")).isEqualTo(0.75);
        assertThat(json.getBoolean("fallback")).isFalse();
        assertThat(json.getJsonArray("candidates").getList()).containsExactly("a", "b");
        assertThat(json.getString("ts")).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
    }

    @Test
    void shouldEscapeQuotesAndAttachTheError() {
        LoggingEvent event = new LoggingEvent("fqcn", new LoggerContext().getLogger("x"), Level.WARN,
                "config_rejected", new IllegalStateException("bad \"value\"\nsecond line"), null);

        JsonObject json = new JsonObject(new String(new JsonLineEncoder().encode(event), StandardCharsets.UTF_8));

        assertThat(json.getString("error")).isEqualTo("java.lang.IllegalStateException: bad \"value\"\nsecond line");
        assertThat(json.getString("stack")).contains("JsonLineEncoderTest");
    }
}
