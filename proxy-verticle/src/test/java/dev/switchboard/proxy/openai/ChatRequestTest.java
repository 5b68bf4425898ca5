package dev.switchboard.proxy.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.contracts.bus.CallerFacts;
import dev.switchboard.contracts.bus.ConversationShape;
import dev.switchboard.contracts.bus.RouteRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.List;
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

        RouteRequest route = chat.toRouteRequest("req-1", "s-1", null, false, "http", 0);

        assertThat(chat.model()).isEqualTo("MoM");
        assertThat(route.userMessage()).isEqualTo("Write a Python function");
        assertThat(route.earlierTurns()).containsExactly("first question");
        assertThat(route.estimatedTokens()).isPositive();
        assertThat(route.sessionId()).isEqualTo("s-1");
    }

    @Test
    void shouldCountTheConversationsRolesToolsAndImages() throws Exception {
        ChatRequest chat = ChatRequest.parse(Buffer.buffer("""
                {"model": "MoM", "tool_choice": "required",
                 "tools": [{"type": "function", "function": {"name": "search"}},
                           {"type": "function", "function": {"name": "read"}}],
                 "messages": [
                  {"role": "developer", "content": "Use the tools."},
                  {"role": "user", "content": [{"type": "text", "text": "What is on this page?"},
                                               {"type": "image_url", "image_url": {"url": "data:..."}}]},
                  {"role": "assistant", "content": null,
                   "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "search", "arguments": "{}"}}]},
                  {"role": "tool", "tool_call_id": "c1", "content": "results"}]}"""));

        ConversationShape shape = chat.toRouteRequest("req-1", null, null, false, "http", 0).shape();

        assertThat(shape).isEqualTo(new ConversationShape(1, 1, 0, 1, 1, 1, 2, true, false, true, 1,
                List.of("text", "image")));
        assertThat(shape.nonUserMessages()).isEqualTo(3);
    }

    @Test
    void shouldListTheKindsOfInputOfTheUserMessagesOnly() throws Exception {
        ChatRequest chat = ChatRequest.parse(Buffer.buffer("""
                {"model": "MoM", "messages": [
                  {"role": "system", "content": [{"type": "image_url", "image_url": {"url": "data:..."}}]},
                  {"role": "user", "content": [{"type": "input_audio", "input_audio": {"data": "AAAA", "format": "wav"}},
                                               {"type": "video_url", "video_url": {"url": "data:..."}}]}]}"""));

        ConversationShape shape = chat.toRouteRequest("req-1", null, null, false, "http", 0).shape();

        assertThat(shape.userInputs()).containsExactly("audio", "video");
        assertThat(shape.imageParts()).isEqualTo(1);
    }

    @Test
    void shouldCarryTheBodysMetadataAndOnlyAGatewaysIdentity() throws Exception {
        ChatRequest chat = ChatRequest.parse(Buffer.buffer("""
                {"model": "MoM", "metadata": {"consent": "denied", "tier": 2},
                 "messages": [{"role": "user", "content": "hi"}]}"""));

        CallerFacts direct = chat.toRouteRequest("r", null, null, false, "http", 0).caller();
        CallerFacts viaGateway = chat.withIdentity("alice", List.of("admins")).toRouteRequest("r", null, null, false,
                "extproc", 0).caller();

        assertThat(direct.metadata()).containsExactly(java.util.Map.entry("consent", "denied"));
        assertThat(direct.authzUserId()).isNull();
        assertThat(viaGateway.authzUserId()).isEqualTo("alice");
        assertThat(viaGateway.authzGroups()).containsExactly("admins");
        assertThat(viaGateway.metadata()).containsKey("consent");
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
    void shouldExplainWhatIsWrongWithABadBodyAsTheOpenAiApiDoes() {
        assertRefused("{not json", null, "the request body is not valid JSON: Unexpected character ('n' (code 110))"
                + ": was expecting double-quote to start field name (line 1, column 2)");
        assertRefused("{\"model\": \"MoM\", \"messages\": [", null, "the request body is not valid JSON: Unexpected "
                + "end-of-input: expected close marker for Array (start marker at line: 1, column: 30) "
                + "(line 1, column 31)");
        assertRefused("[1,2]", null, "the request body must be a JSON object, got an array");
        assertRefused("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "model",
                "Missing required parameter: 'model'.");
        assertRefused("{\"model\":7,\"messages\":[]}", "model",
                "Invalid type for 'model': expected a non-empty string, but got an integer instead.");
        assertRefused("{\"model\":\"MoM\"}", "messages", "Missing required parameter: 'messages'.");
        assertRefused("{\"model\":\"MoM\",\"messages\":[]}", "messages", "Invalid 'messages': empty array. "
                + "Expected an array with minimum length 1, but got an empty array instead.");
        assertRefused("{\"model\":\"MoM\",\"messages\":[\"hi\"]}", "messages[0]",
                "Invalid type for 'messages[0]': expected an object, but got a string instead.");
        assertRefused("{\"model\":\"MoM\",\"messages\":[{\"role\":\"user\",\"content\":42}]}",
                "messages[0].content", "Invalid type for 'messages[0].content': expected a string or an array of "
                + "content parts, but got an integer instead.");
        assertRefused("{\"model\":\"MoM\",\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"x\"}]}]}",
                "messages[0].content[0].type", "Missing required parameter: 'messages[0].content[0].type'.");
        assertRefused("{\"model\":\"MoM\",\"messages\":[{\"role\":\"tool\"}]}", "messages[0].content",
                "Missing required parameter: 'messages[0].content'.");
    }

    @Test
    void shouldAcceptAnAssistantTurnThatCallsToolsInsteadOfAnswering() throws Exception {
        ChatRequest chat = ChatRequest.parse(Buffer.buffer("{\"model\":\"MoM\",\"messages\":["
                + "{\"role\":\"user\",\"content\":\"weather?\"},"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c1\"}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"sunny\"}]}"));

        assertThat(chat.userMessage()).isEqualTo("weather?");
    }

    private static void assertRefused(String body, String param, String message) {
        assertThatThrownBy(() -> ChatRequest.parse(Buffer.buffer(body)))
                .isInstanceOfSatisfying(ChatRequest.InvalidRequestException.class, e -> {
                    assertThat(e).hasMessage(message);
                    assertThat(e.param()).isEqualTo(param);
                    assertThat(e.toError().getJsonObject("error").getString("param")).isEqualTo(param);
                });
    }
}
