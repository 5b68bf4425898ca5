package dev.switchboard.proxy.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.config.RequestParamsPlugin;
import dev.switchboard.contracts.config.RequestRewrite;
import dev.switchboard.contracts.config.SystemPromptPlugin;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A decision's system prompt and parameter limits on the body it forwards, as the reference applies them. */
class RequestRewriterTest {

    private static final String WITH_SYSTEM = """
            {"model": "MoM", "max_tokens": 9000, "n": 8, "logprobs": true, "x_vendor": 1, "messages": [
              {"role": "system", "content": "Be terse."}, {"role": "user", "content": "hi"}]}""";
    private static final String WITHOUT_SYSTEM = """
            {"model": "MoM", "messages": [{"role": "user", "content": "hi"}]}""";

    private static JsonObject forwarded(String body, RequestRewrite rewrite) throws Exception {
        return new JsonObject(ChatRequest.parse(Buffer.buffer(body)).forwarded("qwen2.5:7b", rewrite));
    }

    private static RequestRewrite prompt(String mode) {
        return new RequestRewrite(new SystemPromptPlugin(true, mode, "You are a lawyer."), null, null);
    }

    @Test
    void shouldReplaceTheSystemMessageOrPutThePromptBeforeIt() throws Exception {
        assertThat(forwarded(WITH_SYSTEM, prompt(SystemPromptPlugin.REPLACE)).getJsonArray("messages")
                .getJsonObject(0).getString("content")).isEqualTo("You are a lawyer.");
        assertThat(forwarded(WITH_SYSTEM, prompt(SystemPromptPlugin.INSERT)).getJsonArray("messages")
                .getJsonObject(0).getString("content")).isEqualTo("You are a lawyer.\n\nBe terse.");
        JsonObject added = forwarded(WITHOUT_SYSTEM, prompt(SystemPromptPlugin.INSERT));
        assertThat(added.getJsonArray("messages")).hasSize(2);
        assertThat(added.getJsonArray("messages").getJsonObject(0).getString("role")).isEqualTo("system");
        assertThat(added.getString("model")).isEqualTo("qwen2.5:7b");
    }

    @Test
    void shouldEnforceTheParameterLimits() throws Exception {
        RequestRewrite limits = new RequestRewrite(null, new RequestParamsPlugin(List.of("logprobs"), 512, 4096, 2,
                true), null);

        JsonObject capped = forwarded(WITH_SYSTEM, limits);
        JsonObject defaulted = forwarded(WITHOUT_SYSTEM, limits);

        assertThat(capped.getInteger("max_tokens")).isEqualTo(4096);
        assertThat(capped.getInteger("n")).isEqualTo(2);
        assertThat(capped.containsKey("logprobs")).isFalse();
        assertThat(capped.containsKey("x_vendor")).isFalse();
        assertThat(defaulted.getInteger("max_tokens")).isEqualTo(512);
    }

    @Test
    void shouldLeaveTheClientsBodyAsItCame() throws Exception {
        ChatRequest chat = ChatRequest.parse(Buffer.buffer(WITH_SYSTEM));

        chat.forwarded("qwen2.5:7b", prompt(SystemPromptPlugin.REPLACE));

        assertThat(new JsonObject(chat.withModel("m")).getJsonArray("messages").getJsonObject(0).getString("content"))
                .isEqualTo("Be terse.");
    }
}
