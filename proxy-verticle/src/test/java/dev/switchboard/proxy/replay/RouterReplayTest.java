package dev.switchboard.proxy.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.bus.DecisionRecord;
import dev.switchboard.contracts.bus.OutcomeEvent;
import dev.switchboard.contracts.bus.ReasonCode;
import dev.switchboard.contracts.bus.RouteDecision;
import dev.switchboard.contracts.config.RouterReplayPlugin;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterReplayTest {

    private final RouterReplay replay = new RouterReplay();

    private static RouterReplayPlugin keeping(int records) {
        return new RouterReplayPlugin(true, records, null, null, null, null, null, null);
    }

    private static DecisionRecord decided(String requestId, String decision, long time) {
        return new DecisionRecord(new RouteDecision(requestId, "MoM", "qwen-coder", "qwen2.5-coder:7b", "local",
                decision, "static", 1, List.of(), ReasonCode.AUTO_ROUTING, 800, "rev"), "a prompt", null, null,
                null, null, time, Map.of(), Map.of());
    }

    @Test
    void shouldKeepTheNewestRecordsOfEachReplayedDecisionOnly() {
        replay.configure(Map.of("code", keeping(2)));

        replay.onDecision(decided("r1", "code", 1));
        replay.onDecision(decided("r2", "code", 2));
        replay.onDecision(decided("r3", "code", 3));
        replay.onDecision(decided("r4", "chat", 4));

        assertThat(replay.list(r -> true, 10)).extracting(ReplayRecord::requestId).containsExactly("r3", "r2");
        assertThat(replay.get("r1")).as("the oldest went first").isEmpty();
        assertThat(replay.get("r4")).as("a decision without the plugin keeps nothing").isEmpty();
        assertThat(replay.size()).isEqualTo(2);
    }

    @Test
    void shouldCompleteARecordWithItsOutcome() {
        replay.configure(Map.of("code", keeping(5)));
        replay.onDecision(decided("r1", "code", 1));

        replay.onOutcome(new OutcomeEvent("r1", "qwen-coder", "code", 200, 840, 120.0, 9.0, 30, 12));

        assertThat(replay.get("r1")).hasValueSatisfying(r -> assertThat(r.outcome().completionTokens()).isEqualTo(12));
    }

    @Test
    void shouldDropOrTrimRecordsWhenAReloadChangesThePlugins() {
        replay.configure(Map.of("code", keeping(5), "chat", keeping(5)));
        for (int i = 0; i < 4; i++) {
            replay.onDecision(decided("c" + i, "code", i));
            replay.onDecision(decided("h" + i, "chat", i));
        }

        replay.configure(Map.of("code", keeping(1)));

        assertThat(replay.list(r -> true, 10)).extracting(ReplayRecord::requestId).containsExactly("c3");
        assertThat(replay.size()).isEqualTo(1);
    }
}
