package dev.switchboard.proxy.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Only whole answers are kept, and each form replays as the other with its content, finish reason and usage. */
class CachedReplayTest {

    private static final String STREAM = """
            data: {"id":"c1","object":"chat.completion.chunk","created":7,"model":"q","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}

            : a comment line, which carries no data
            data: {"id":"c1","object":"chat.completion.chunk","created":7,"model":"q","choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}]}

            data: {"id":"c1","object":"chat.completion.chunk","created":7,"model":"q","choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":"length"}]}

            data: {"id":"c1","object":"chat.completion.chunk","created":7,"model":"q","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":2}}

            data: [DONE]

            """;

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldKeepOnlyAStreamThatEndedAndJsonThatParses() {
        assertThat(CachedReplay.complete(CachedReplay.EVENT_STREAM, bytes(STREAM))).isTrue();
        assertThat(CachedReplay.complete(CachedReplay.EVENT_STREAM, bytes(STREAM.replace("data: [DONE]", ""))))
                .isFalse();
        assertThat(CachedReplay.complete(CachedReplay.JSON, bytes("{\"choices\":[]}"))).isTrue();
        assertThat(CachedReplay.complete(CachedReplay.JSON, bytes("{\"choices\":["))).isFalse();
    }

    @Test
    void shouldJoinARecordedStreamIntoOneCompletion() {
        JsonObject completion = CachedReplay.asJson(new CachedResponse("q", CachedReplay.EVENT_STREAM, bytes(STREAM)))
                .toJsonObject();

        assertThat(completion.getString("id")).isEqualTo("c1");
        assertThat(completion.getString("object")).isEqualTo("chat.completion");
        JsonObject choice = completion.getJsonArray("choices").getJsonObject(0);
        assertThat(choice.getJsonObject("message").encode()).isEqualTo("{\"role\":\"assistant\",\"content\":\"Hello\"}");
        assertThat(choice.getString("finish_reason")).isEqualTo("length");
        assertThat(completion.getJsonObject("usage").getInteger("completion_tokens")).isEqualTo(2);
    }

    @Test
    void shouldSplitACompletionIntoChunksWithItsUsageAndDone() {
        String json = "{\"id\":\"c2\",\"object\":\"chat.completion\",\"created\":9,\"model\":\"q\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"Hi there\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":2}}";

        List<String> events = CachedReplay.events(CachedReplay.asEventStream(
                new CachedResponse("q", CachedReplay.JSON, bytes(json))).getBytes());

        assertThat(events).hasSize(5).last().isEqualTo("[DONE]");
        assertThat(new JsonObject(events.get(0)).getJsonArray("choices").getJsonObject(0).getJsonObject("delta")
                .getString("role")).isEqualTo("assistant");
        assertThat(new JsonObject(events.get(1)).getJsonArray("choices").getJsonObject(0).getJsonObject("delta")
                .getString("content")).isEqualTo("Hi there");
        assertThat(new JsonObject(events.get(2)).getJsonArray("choices").getJsonObject(0).getString("finish_reason"))
                .isEqualTo("stop");
        assertThat(new JsonObject(events.get(3)).getJsonObject("usage").getInteger("prompt_tokens")).isEqualTo(4);
        assertThat(new JsonObject(events.get(1)).getString("id")).isEqualTo("c2");
    }
}
