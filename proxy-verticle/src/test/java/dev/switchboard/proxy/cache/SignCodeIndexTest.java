package dev.switchboard.proxy.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The sign-code prefilter finds what an exhaustive scan finds, and removals keep every slot right. */
class SignCodeIndexTest {

    private static final int DIMENSIONS = 384;

    private final SplittableRandom random = new SplittableRandom(7);

    @Test
    void shouldFindTheSameNeighbourAsAnExhaustiveScanAmongThousands() {
        // Given 5,000 scattered vectors
        SignCodeIndex<Integer> index = new SignCodeIndex<>(DIMENSIONS);
        List<float[]> stored = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            float[] v = unit(gaussian());
            stored.add(v);
            index.add(v, i);
        }

        // When 300 queries each lie near one of them (cosine 0.80 to 0.97: paraphrases and close calls)
        int agreed = 0;
        for (int q = 0; q < 300; q++) {
            int target = random.nextInt(stored.size());
            float[] query = near(stored.get(target), 0.2 + 0.6 * random.nextDouble());
            Integer exhaustive = exhaustive(stored, query, 0.75);
            SignCodeIndex.Scored<Integer> found = index.nearest(query, 0.75, i -> true, new ArrayList<>());

            // Then the index answers what the scan answers
            if (found != null && found.item().equals(exhaustive)) {
                agreed++;
            }
            assertThat(exhaustive).isEqualTo(target);
        }
        assertThat(agreed).isEqualTo(300);
    }

    @Test
    void shouldFindNothingBelowTheThresholdAndSkipWhatTheCallerRefuses() {
        // Given
        SignCodeIndex<String> index = new SignCodeIndex<>(DIMENSIONS);
        float[] stored = unit(gaussian());
        index.add(stored, "refused");
        for (int i = 0; i < 100; i++) {
            index.add(unit(gaussian()), "other-" + i);
        }
        List<String> refused = new ArrayList<>();

        // Then an unrelated query finds nothing, and a refused neighbour is reported, not returned
        assertThat(index.nearest(unit(gaussian()), 0.5, s -> true, new ArrayList<>())).isNull();
        assertThat(index.nearest(near(stored, 0.3), 0.5, s -> !s.equals("refused"), refused)).isNull();
        assertThat(refused).containsExactly("refused");
    }

    @Test
    void shouldKeepFindingEveryEntryAfterRemovalsMoveTheLastOne() {
        // Given 200 entries whose slots are tracked as removals move them
        SignCodeIndex<Integer> index = new SignCodeIndex<>(DIMENSIONS);
        List<float[]> vectors = new ArrayList<>();
        int[] slotOf = new int[200];
        for (int i = 0; i < 200; i++) {
            vectors.add(unit(gaussian()));
            slotOf[i] = index.add(vectors.get(i), i);
        }

        // When every even one is removed
        for (int i = 0; i < 200; i += 2) {
            index.remove(slotOf[i], (item, slot) -> slotOf[item] = slot);
        }

        // Then the odd ones are each their own nearest, and the even ones are gone
        assertThat(index.size()).isEqualTo(100);
        for (int i = 0; i < 200; i++) {
            SignCodeIndex.Scored<Integer> found = index.nearest(vectors.get(i), 0.99, s -> true, new ArrayList<>());
            if (i % 2 == 1) {
                assertThat(found).isNotNull();
                assertThat(found.item()).isEqualTo(i);
            } else {
                assertThat(found).isNull();
            }
        }
    }

    private static Integer exhaustive(List<float[]> stored, float[] query, double threshold) {
        Integer best = null;
        double bestSimilarity = threshold;
        for (int i = 0; i < stored.size(); i++) {
            double s = SignCodeIndex.dot(stored.get(i), query);
            if (s >= bestSimilarity) {
                best = i;
                bestSimilarity = s;
            }
        }
        return best;
    }

    /** {@code v} plus Gaussian noise of {@code noise} times its norm, normalised. */
    private float[] near(float[] v, double noise) {
        float[] n = unit(gaussian());
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] + noise * n[i]);
        }
        return unit(out);
    }

    private float[] gaussian() {
        float[] v = new float[DIMENSIONS];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private static float[] unit(float[] v) {
        double squares = 0;
        for (float x : v) {
            squares += x * x;
        }
        float inverse = (float) (1 / Math.sqrt(squares));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inverse;
        }
        return v;
    }
}
