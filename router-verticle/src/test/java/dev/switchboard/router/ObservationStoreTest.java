package dev.switchboard.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.bus.OutcomeEvent;
import dev.switchboard.selection.Observations;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ObservationStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    @Test
    void shouldCountRequestsInFlightUntilTheirOutcomeOrExpiry() {
        ObservationStore store = new ObservationStore();

        store.recordInFlight("a", "m", T0);
        store.recordInFlight("b", "m", T0.plusSeconds(1));
        store.recordInFlight("b", "m", T0.plusSeconds(2));
        assertThat(store.snapshot(null).inFlight("m")).as("a request counts once").isEqualTo(2);

        store.recordOutcome(new OutcomeEvent("a", "m", null, 200, 10, null, null, null, null));
        assertThat(store.snapshot(null).inFlight("m")).isEqualTo(1);

        store.recordInFlight("c", "other", T0.plus(ObservationStore.IN_FLIGHT_EXPIRY).plusSeconds(5));
        assertThat(store.snapshot(null).inFlight("m")).as("b's outcome never came").isZero();
        assertThat(store.snapshot(null).inFlight("other")).isEqualTo(1);
    }

    @Test
    void shouldKeepLatencyWindowsOfSuccessfulResponsesOnly() {
        ObservationStore store = new ObservationStore();

        store.recordOutcome(new OutcomeEvent("1", "m", null, 200, 900, 120.0, 15.0, 10, 50));
        store.recordOutcome(new OutcomeEvent("2", "m", null, 502, 5, 1.0, 1.0, 10, 0));
        store.recordOutcome(new OutcomeEvent("3", "m", null, 200, 900, 80.0, null, 10, 50));

        assertThat(store.snapshot(null).latency("m").ttftMs()).containsExactly(80.0, 120.0);
        assertThat(store.snapshot(null).latency("m").tpotMs()).containsExactly(15.0);
    }

    @Test
    void shouldRememberWhichModelServedAConversation() {
        ObservationStore store = new ObservationStore();

        store.recordTurn("s", "a", T0);
        store.recordTurn("s", "a", T0.plusSeconds(10));
        store.recordTurn("t", "b", T0);

        assertThat(store.snapshot("s").session().turns()).isEqualTo(2);
        store.recordTurn("s", "b", T0.plusSeconds(20));
        assertThat(store.snapshot("s").session().model()).isEqualTo("b");
        assertThat(store.snapshot("s").session().turns()).isEqualTo(1);
        assertThat(store.snapshot(null).session()).isNull();
    }

    @Test
    void shouldCountAtMostTheBoundOfRequestsInFlightWhoseOutcomeNeverCame() {
        ObservationStore store = new ObservationStore();
        int past = ObservationStore.PENDING + 1_000;

        for (int i = 0; i < past; i++) {
            store.recordInFlight("r" + i, i % 2 == 0 ? "even" : "odd", T0);
        }

        Observations seen = store.snapshot(null);
        assertThat(seen.inFlight("even") + seen.inFlight("odd")).isEqualTo(ObservationStore.PENDING);
        store.recordOutcome(new OutcomeEvent("r0", "even", null, 200, 10, null, null, null, null));
        assertThat(store.snapshot(null).inFlight("even")).as("r0 was forgotten: its outcome changes nothing")
                .isEqualTo(seen.inFlight("even"));
        store.recordOutcome(new OutcomeEvent("r" + (past - 2), "even", null, 200, 10, null, null, null, null));
        assertThat(store.snapshot(null).inFlight("even")).isEqualTo(seen.inFlight("even") - 1);
    }

    @Test
    void shouldRememberTheMostRecentConversationsUpToTheBound() {
        ObservationStore store = new ObservationStore();
        int past = ObservationStore.SESSIONS + 100;

        for (int i = 0; i < past; i++) {
            store.recordTurn("s" + i, "m", T0);
        }
        store.recordTurn("s" + (past - 1), "m", T0);

        assertThat(store.snapshot("s0").session()).isNull();
        assertThat(store.snapshot("s" + (past - ObservationStore.SESSIONS)).session()).isNotNull();
        assertThat(store.snapshot("s" + (past - 1)).session().turns()).isEqualTo(2);
    }
}
