package dev.switchboard.proxy.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

class ResponseMeterTest {

    private static final long MS = 1_000_000;

    @Test
    void shouldReadUsageAndTimesOfAJsonResponse() {
        ResponseMeter meter = new ResponseMeter(0);
        meter.contentType("application/json");
        meter.chunk(Buffer.buffer("{\"id\":\"c\",\"choices\":[{\"message\":{\"content\":\"hi\"}}],"), 200 * MS);
        meter.chunk(Buffer.buffer("\"usage\":{\"prompt_tokens\":41,\"completion_tokens\":366}}"), 210 * MS);
        meter.end(1200 * MS);

        assertThat(meter.promptTokens()).isEqualTo(41);
        assertThat(meter.completionTokens()).isEqualTo(366);
        assertThat(meter.ttftMs()).isEqualTo(200.0);
        assertThat(meter.latencyMs()).isEqualTo(1200.0);
        assertThat(meter.tpotMs()).isCloseTo(1000.0 / 365, within(1e-9));
    }

    @Test
    void shouldReadTheUsageChunkOfAnEventStream() {
        ResponseMeter meter = new ResponseMeter(0);
        meter.contentType("text/event-stream; charset=utf-8");
        meter.chunk(Buffer.buffer("data: {\"choices\":[{\"delta\":{\"content\":\"He\"}}]}\n\n"), 50 * MS);
        meter.chunk(Buffer.buffer("data: {\"choices\":[{\"delta\":{\"content\":\"llo\"}}]}\n\n"), 60 * MS);
        meter.chunk(Buffer.buffer("data: {\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":2}}\n\n"
                + "data: [DONE]\n\n"), 70 * MS);
        meter.end(70 * MS);

        assertThat(meter.promptTokens()).isEqualTo(9);
        assertThat(meter.completionTokens()).isEqualTo(2);
        assertThat(meter.ttftMs()).isEqualTo(50.0);
        assertThat(meter.tpotMs()).isEqualTo(20.0);
    }

    @Test
    void shouldCountContentChunksWhenAStreamReportsNoUsage() {
        ResponseMeter meter = new ResponseMeter(0);
        meter.contentType("text/event-stream");
        for (int i = 0; i < 5; i++) {
            meter.chunk(Buffer.buffer("data: {\"choices\":[{\"delta\":{\"content\":\"x\"}}]}\n\n"), (10 + i) * MS);
        }
        meter.end(20 * MS);

        assertThat(meter.completionTokens()).isEqualTo(5);
        assertThat(meter.promptTokens()).isNull();
    }

    @Test
    void shouldKnowNothingOfAnEmptyBody() {
        ResponseMeter meter = new ResponseMeter(0);
        meter.end(5 * MS);

        assertThat(meter.ttftMs()).isNull();
        assertThat(meter.tpotMs()).isNull();
        assertThat(meter.completionTokens()).isNull();
    }
}
