package dev.switchboard.feedback.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.bus.CacheUse;
import dev.switchboard.contracts.bus.DecisionRecord;
import dev.switchboard.contracts.bus.OutcomeEvent;
import dev.switchboard.feedback.events.OutcomeCost;
import dev.switchboard.contracts.bus.ReasonCode;
import dev.switchboard.contracts.bus.RouteDecision;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    private static DecisionRecord record(float[] vector) {
        return new DecisionRecord(new RouteDecision("r1", "MoM", "a", "a-1", "b", null, null, 1, List.of(),
                ReasonCode.CONCRETE_MODEL, 10, "rev"), "secret prompt", vector == null ? null : "m", vector, null,
                null, 0, Map.of());
    }

    @Test
    void shouldWriteThePromptOnlyWhenTheOperatorOptsIn() {
        JsonObject hidden = EventJson.decision(record(null), "e1", "sb-1", false);
        JsonObject shown = EventJson.decision(record(null), "e1", "sb-1", true);

        assertThat(hidden.encode()).doesNotContain("secret prompt");
        assertThat(hidden.getString("prompt_sha256")).isEqualTo(EventJson.sha256("secret prompt"));
        assertThat(shown.getString("prompt_text")).isEqualTo("secret prompt");
        assertThat(hidden.containsKey("embedding")).isFalse();
    }

    @Test
    void shouldCarryTheEmbeddingExactly() {
        float[] vector = {0.6f, -0.8f, 1e-7f, 0f};

        JsonObject json = EventJson.decision(record(vector), "e1", "sb-1", false);

        assertThat(EventJson.decode(json.getJsonObject("embedding").getString("vector_f32le_base64")))
                .containsExactly(vector);
        assertThat(json.getJsonObject("embedding").getInteger("dimension")).isEqualTo(4);
    }

    @Test
    void shouldSayWhatACacheHitSavedAndThatAMissWasLookedUp() {
        OutcomeEvent hit = OutcomeEvent.cacheHit("r1", "a", "cached", 0.4, new CacheUse(true, 0.97, false, 812.0,
                120, 30));
        OutcomeEvent miss = new OutcomeEvent("r2", "a", "cached", 200, 900, 100.0, 10.0, 120, 30, true,
                CacheUse.MISS);
        OutcomeEvent uncached = new OutcomeEvent("r3", "a", null, 200, 900, 100.0, 10.0, 120, 30);

        JsonObject hitJson = EventJson.outcome(hit, "e1", "sb-1", 0, new OutcomeCost(null, null, 0.0042));
        JsonObject missJson = EventJson.outcome(miss, "e2", "sb-1", 0, new OutcomeCost(0.0042, 0.0042, null));
        JsonObject uncachedJson = EventJson.outcome(uncached, "e3", "sb-1", 0, new OutcomeCost(0.0042, 0.0042, null));

        assertThat(hitJson.getBoolean("success")).isTrue();
        assertThat(hitJson.getBoolean("backend_answered")).isFalse();
        assertThat(hitJson.getValue("prompt_tokens")).isNull();
        assertThat(hitJson.getJsonObject("cache").getMap()).containsAllEntriesOf(Map.of("hit", true,
                "similarity", 0.97, "exact", false, "saved_latency_ms", 812.0, "saved_prompt_tokens", 120,
                "saved_completion_tokens", 30, "saved_cost_usd", 0.0042));
        assertThat(missJson.getJsonObject("cache").getMap()).containsExactly(Map.entry("hit", false));
        assertThat(missJson.getDouble("cost_usd")).isEqualTo(0.0042);
        assertThat(uncachedJson.containsKey("cache")).isFalse();
    }

    @Test
    void shouldHashLikeSha256() {
        assertThat(EventJson.sha256("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
