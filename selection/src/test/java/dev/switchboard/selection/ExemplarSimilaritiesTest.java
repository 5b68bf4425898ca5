package dev.switchboard.selection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.bus.LearnedState;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** One request scans the exemplar memory once, however many votes its algorithm takes. */
class ExemplarSimilaritiesTest {

    private static final float[] PROMPT = {0.6f, 0.8f};

    @Test
    void shouldScanOnceForEveryInputDerivedFromARequest() {
        List<LearnedState.Exemplar> memory = List.of(Exemplars.served(new float[] {1, 0}, "a", 1),
                Exemplars.served(new float[] {0, 1}, "b", 1), Exemplars.served(new float[] {1, 0, 0}, "c", 1));
        SelectionInput input = new SelectionInput("d", List.of(), PROMPT, null, null,
                new LearnedState(3, Map.of(), memory, Map.of()), Map.of());

        double[] first = input.similarities().of(PROMPT, memory);

        assertThat(first).containsExactly(new double[] {0.6, 0.8, Double.NaN},
                Offset.offset(1e-6));
        assertThat(input.withCandidates(List.of()).similarities().of(PROMPT, memory)).isSameAs(first);
    }

    @Test
    void shouldRescanAnotherMemory() {
        ExemplarSimilarities similarities = new ExemplarSimilarities();
        double[] before = similarities.of(PROMPT, List.of(Exemplars.served(new float[] {1, 0}, "a", 1)));

        double[] after = similarities.of(PROMPT, List.of(Exemplars.served(new float[] {0, 1}, "a", 1)));

        assertThat(before).containsExactly(new double[] {0.6}, Offset.offset(1e-6));
        assertThat(after).containsExactly(new double[] {0.8}, Offset.offset(1e-6));
    }
}
