package dev.switchboard.selection;

import dev.switchboard.contracts.bus.LearnedState;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Exemplars for algorithm tests: a prompt vector and feedback on the model that served it. */
final class Exemplars {

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private Exemplars() {
    }

    /** Feedback that only says how the served model did (a thumbs up or down, a rating). */
    static LearnedState.Exemplar served(float[] vector, String model, double reward) {
        List<LearnedState.Label> label = List.of(new LearnedState.Label(model, reward, 1));
        return new LearnedState.Exemplar(SEQUENCE.incrementAndGet(), "m", vector, "d", model, null, Map.of(), Map.of(),
                label, label);
    }

    /** Feedback that names the model that should have answered, among {@code candidates}. */
    static LearnedState.Exemplar corrected(float[] vector, String served, String right, List<String> candidates) {
        List<LearnedState.Label> labels = candidates.stream()
                .map(m -> new LearnedState.Label(m, m.equals(right) ? 1 : 0, 1)).toList();
        return new LearnedState.Exemplar(SEQUENCE.incrementAndGet(), "m", vector, "d", served, null, Map.of(),
                Map.of(), labels, List.of(new LearnedState.Label(right, 1, 1)));
    }
}
