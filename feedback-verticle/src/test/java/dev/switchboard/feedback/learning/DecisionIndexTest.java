package dev.switchboard.feedback.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.switchboard.selection.Vectors;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The index keeps decisions compactly: vectors quantised, names and lists shared, and gives back what was put. */
class DecisionIndexTest {

    private static final int DIMENSIONS = 384;

    private final DecisionIndex index = new DecisionIndex(1_000);

    @Test
    void shouldGiveBackWhatWasPutWithTheVectorWithinItsQuantisation() {
        Random random = new Random(7);
        float[] vector = unit(random);
        index.put("r1", new DecisionIndex.Entry("a", "code", List.of("a", "b"), "u1", "s1", "minilm", vector,
                Map.of("a", 0.7, "b", 0.3)));

        DecisionIndex.Entry back = index.get("r1").orElseThrow();

        assertThat(back.model()).isEqualTo("a");
        assertThat(back.decision()).isEqualTo("code");
        assertThat(back.candidates()).containsExactly("a", "b");
        assertThat(back.userId()).isEqualTo("u1");
        assertThat(back.sessionId()).isEqualTo("s1");
        assertThat(back.embeddingModel()).isEqualTo("minilm");
        assertThat(back.prior()).isEqualTo(Map.of("a", 0.7, "b", 0.3));
        assertThat(Vectors.dot(back.vector(), back.vector())).isCloseTo(1.0, offset(1e-5));
        assertThat(Vectors.dot(back.vector(), vector)).isGreaterThan(0.9999);
    }

    @Test
    void shouldKeepHowSimilarTwoPromptsAre() {
        Random random = new Random(11);
        for (int i = 0; i < 200; i++) {
            float[] a = unit(random);
            float[] b = unit(random);
            index.put("a" + i, entry(a));
            index.put("b" + i, entry(b));

            double before = Vectors.dot(a, b);
            double after = Vectors.dot(index.get("a" + i).orElseThrow().vector(),
                    index.get("b" + i).orElseThrow().vector());

            assertThat(after).isCloseTo(before, offset(0.002));
        }
    }

    @Test
    void shouldShareTheNamesAndListsOfDecisionsReadApart() {
        // As from Kafka: every event brings its own copies of the same names.
        index.put("r1", new DecisionIndex.Entry(new String("a"), new String("code"), List.of(new String("a"),
                new String("b")), null, null, null, null, Map.of()));
        index.put("r2", new DecisionIndex.Entry(new String("a"), new String("code"), List.of(new String("a"),
                new String("b")), null, null, null, null, Map.of()));

        DecisionIndex.Entry first = index.get("r1").orElseThrow();
        DecisionIndex.Entry second = index.get("r2").orElseThrow();

        assertThat(second.model()).isSameAs(first.model());
        assertThat(second.decision()).isSameAs(first.decision());
        assertThat(second.candidates()).isSameAs(first.candidates());
        assertThat(second.vector()).isNull();
    }

    @Test
    void shouldKeepTheFirstDecisionForARequest() {
        index.put("r1", entry(new float[] {1, 0}));
        index.put("r1", new DecisionIndex.Entry("b", null, List.of("b"), null, null, "m", new float[] {0, 1},
                Map.of()));

        assertThat(index.get("r1").orElseThrow().model()).isEqualTo("a");
        assertThat(index.get("r1").orElseThrow().vector()).containsExactly(1f, 0f);
    }

    private static DecisionIndex.Entry entry(float[] vector) {
        return new DecisionIndex.Entry("a", null, List.of("a"), null, null, "m", vector, Map.of());
    }

    private static float[] unit(Random random) {
        float[] v = new float[DIMENSIONS];
        double squares = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
            squares += v[i] * v[i];
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) Math.sqrt(squares);
        }
        return v;
    }
}
