package dev.switchboard.proxy.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.contracts.bus.RouteRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ChatRequestTest {

    @Test
    void shouldClassifyTheLatestUserMessageWithEarlierTurns() throws Exception {
        ChatRequest chat = ChatRequest.parse(Buffer.buffer("""
                {"model": "MoM", "stream": true, "temperature": 0.2, "messages": [
                  {"role": "system", "content": "You are terse."},
                  {"role": "user", "content": "first question"},
                  {"role": "assistant", "content": "an answer"},
                  {"role": "user", "content": [{"type": "text", "text": "Write a Python function"},
                                               {"type": "image_url", "image_url": {"url": "data:..."}}]}]}"""));

        RouteRequest route = chat.toRouteRequest("req-1", "s-1", null, false, "http");

        assertThat(chat.model()).isEqualTo("MoM");
        assertThat(route.userMessage()).isEqualTo("Write a Python function");
        assertThat(route.earlierTurns()).containsExactly("first question");
        assertThat(route.estimatedTokens()).isPositive();
        assertThat(route.sessionId()).isEqualTo("s-1");
    }

    @Test
    void shouldRewriteOnlyTheModel() throws Exception {
        ChatRequest chat = ChatRequest.parse(Buffer.buffer(
                "{\"model\":\"MoM\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"n\":1}"));

        JsonObject rewritten = new JsonObject(chat.withModel("qwen2.5-coder:7b"));

        assertThat(rewritten.getString("model")).isEqualTo("qwen2.5-coder:7b");
        assertThat(rewritten.getBoolean("stream")).isTrue();
        assertThat(rewritten.getInteger("n")).isEqualTo(1);
        assertThat(rewritten.getJsonArray("messages").getJsonObject(0).getString("content")).isEqualTo("hi");
    }

    @Test
    void shouldUseNonUserMessagesWhenThereIsNoUserTurn() throws Exception {
        ChatRequest chat = ChatRequest.parse(Buffer.buffer(
                "{\"model\":\"auto\",\"messages\":[{\"role\":\"system\",\"content\":\"Summarise the logs\"}]}"));

        assertThat(chat.userMessage()).isEqualTo("Summarise the logs");
    }

    @Test
    void shouldExplainWhatIsWrongWithABadBody() {
        assertThatThrownBy(() -> ChatRequest.parse(Buffer.buffer("{not json")))
                .hasMessage("the request body is not a JSON object");
        assertThatThrownBy(() -> ChatRequest.parse(Buffer.buffer("[1,2]")))
                .hasMessage("the request body is not a JSON object");
        assertThatThrownBy(() -> ChatRequest.parse(Buffer.buffer("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")))
                .hasMessage("'model' must be a non-empty string");
        assertThatThrownBy(() -> ChatRequest.parse(Buffer.buffer("{\"model\":7,\"messages\":[]}")))
                .hasMessage("'model' must be a non-empty string");
        assertThatThrownBy(() -> ChatRequest.parse(Buffer.buffer("{\"model\":\"MoM\"}")))
                .hasMessage("'messages' must be a non-empty array");
        assertThatThrownBy(() -> ChatRequest.parse(Buffer.buffer("{\"model\":\"MoM\",\"messages\":[\"hi\"]}")))
                .hasMessage("'messages[0]' must be an object");
        assertThatThrownBy(() -> ChatRequest.parse(Buffer.buffer(
                "{\"model\":\"MoM\",\"messages\":[{\"role\":\"user\",\"content\":42}]}")))
                .hasMessage("'messages[0].content' must be a string or an array of parts");
    }
}
