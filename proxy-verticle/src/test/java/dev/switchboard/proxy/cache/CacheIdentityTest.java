package dev.switchboard.proxy.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class CacheIdentityTest {

    private static JsonObject request(String prompt) {
        return new JsonObject("""
                {"model": "MoM", "temperature": 0, "max_tokens": 200, "messages": [
                  {"role": "system", "content": "You are terse."},
                  {"role": "user", "content": "Hi"},
                  {"role": "assistant", "content": "Hello."},
                  {"role": "user", "content": "%s"}]}
                """.formatted(prompt));
    }

    private static CacheIdentity identity(JsonObject body) {
        return CacheIdentity.of(body, false).orElseThrow();
    }

    @Test
    void shouldGiveTheSameKeysToTheSameRequestWhateverItsFieldOrderStreamOrUser() {
        JsonObject reordered = new JsonObject().put("messages", request("What is 2+2?").getJsonArray("messages"))
                .put("max_tokens", 200).put("temperature", 0).put("model", "auto").put("stream", true)
                .put("user", "alice");

        assertThat(identity(reordered)).isEqualTo(identity(request("What is 2+2?")));
    }

    @Test
    void shouldShareTheContextButNotTheExactKeyWhenOnlyTheLastPromptDiffers() {
        CacheIdentity one = identity(request("What is 2+2?"));
        CacheIdentity other = identity(request("How much is two plus two?"));

        assertThat(other.context()).isEqualTo(one.context());
        assertThat(other.exactKey()).isNotEqualTo(one.exactKey());
    }

    @Test
    void shouldSeparateRequestsWhoseSystemPromptEarlierTurnsOrParametersDiffer() {
        JsonObject base = request("What is 2+2?");
        JsonObject otherSystem = base.copy();
        otherSystem.getJsonArray("messages").getJsonObject(0).put("content", "You are verbose.");
        JsonObject otherTurn = base.copy();
        otherTurn.getJsonArray("messages").getJsonObject(1).put("content", "Hey");
        JsonObject otherLength = base.copy().put("max_tokens", 10);
        JsonObject jsonMode = base.copy().put("response_format", new JsonObject().put("type", "json_object"));

        for (JsonObject different : new JsonObject[] {otherSystem, otherTurn, otherLength, jsonMode}) {
            assertThat(identity(different).context()).isNotEqualTo(identity(base).context());
        }
    }

    @Test
    void shouldNotCacheRequestsWithToolsSeveralChoicesOrSamplingUnlessAllowed() {
        JsonObject base = request("What is 2+2?");

        assertThat(CacheIdentity.of(base.copy().put("tools", new JsonArray()
                .add(new JsonObject().put("type", "function"))), false)).isEmpty();
        assertThat(CacheIdentity.of(base.copy().put("n", 2), false)).isEmpty();
        assertThat(CacheIdentity.of(base.copy().put("temperature", 0.7), false)).isEmpty();
        assertThat(CacheIdentity.of(base.copy().put("temperature", 0.7), true)).isPresent();
        assertThat(CacheIdentity.of(base.copy().put("tools", new JsonArray()), false))
                .as("an empty tool list calls nothing").isPresent();
        JsonObject noTemperature = base.copy();
        noTemperature.remove("temperature");
        assertThat(CacheIdentity.of(noTemperature, false)).isPresent();
    }
}
