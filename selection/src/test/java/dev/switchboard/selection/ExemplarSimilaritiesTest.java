package dev.switchboard.selection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.bus.ExemplarClusters;
import dev.switchboard.contracts.bus.Int8Rows;
import dev.switchboard.contracts.bus.LearnedState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * One request scans the exemplar memory once, however many votes its algorithm takes; with clusters, only the
 * clusters nearest to the prompt.
 */
class ExemplarSimilaritiesTest {

    private static final float[] PROMPT = {0.6f, 0.8f};
    /** More clusters than are probed, evenly round the unit circle. */
    private static final int CLUSTERS = ExemplarSimilarities.PROBES + 6;

    @Test
    void shouldScanOnceForEveryInputDerivedFromARequest() {
        List<LearnedState.Exemplar> memory = List.of(Exemplars.served(new float[] {1, 0}, "a", 1),
                Exemplars.served(new float[] {0, 1}, "b", 1), Exemplars.served(new float[] {1, 0, 0}, "c", 1));
        LearnedState learned = new LearnedState(3, Map.of(), memory, Map.of());
        SelectionInput input = new SelectionInput("d", List.of(), PROMPT, null, null, learned, Map.of());

        ExemplarSimilarities.Scanned first = input.similarities().of(PROMPT, learned);

        assertThat(first.size()).as("the exemplar of another dimension is not compared").isEqualTo(2);
        assertThat(first.cosineOf(0)).isCloseTo(0.6, Offset.offset(1e-6));
        assertThat(first.cosineOf(1)).isCloseTo(0.8, Offset.offset(1e-6));
        assertThat(first.cosineOf(2)).isNaN();
        assertThat(input.withCandidates(List.of()).similarities().of(PROMPT, learned)).isSameAs(first);
    }

    @Test
    void shouldRescanAnotherMemory() {
        ExemplarSimilarities similarities = new ExemplarSimilarities();
        double before = similarities.of(PROMPT, state(List.of(Exemplars.served(new float[] {1, 0}, "a", 1))))
                .cosineOf(0);

        double after = similarities.of(PROMPT, state(List.of(Exemplars.served(new float[] {0, 1}, "a", 1))))
                .cosineOf(0);

        assertThat(before).isCloseTo(0.6, Offset.offset(1e-6));
        assertThat(after).isCloseTo(0.8, Offset.offset(1e-6));
    }

    @Test
    void shouldCompareOnlyWithTheProbedClustersAndTheUnpartitioned() {
        // One exemplar on each centroid (position = cluster), and one of another model's dimension, unpartitioned.
        List<LearnedState.Exemplar> memory = new ArrayList<>();
        float[][] centroids = new float[CLUSTERS][];
        int[][] members = new int[CLUSTERS][];
        for (int c = 0; c < CLUSTERS; c++) {
            centroids[c] = onCircle(2 * Math.PI * c / CLUSTERS);
            members[c] = new int[] {c};
            memory.add(Exemplars.served(centroids[c], "m" + c, 1));
        }
        memory.add(Exemplars.served(new float[] {1, 0, 0}, "other", 1));
        LearnedState learned = new LearnedState(1, Map.of(), memory, Map.of(),
                new ExemplarClusters("model", centroids, members, new int[] {CLUSTERS}));
        float[] prompt = onCircle(0.01);

        ExemplarSimilarities.Scanned cosines = new ExemplarSimilarities().of(prompt, learned);

        // The PROBES clusters nearest to an angle of 0.01 are those within PROBES/2 steps of cluster 0.
        for (int c = 0; c < CLUSTERS; c++) {
            int steps = Math.min(c, CLUSTERS - c);
            if (steps < ExemplarSimilarities.PROBES / 2) {
                assertThat(cosines.cosineOf(c)).as("cluster %d", c).isCloseTo(Vectors.dot(prompt, centroids[c]),
                        Offset.offset(1e-9));
            } else if (steps > ExemplarSimilarities.PROBES / 2) {
                assertThat(cosines.cosineOf(c)).as("cluster %d", c).isNaN();
            }
        }
        assertThat(cosines.cosineOf(CLUSTERS)).as("another dimension: not comparable").isNaN();
        assertThat(cosines.size()).isEqualTo(ExemplarSimilarities.PROBES);
    }

    @Test
    void shouldCompareWithEveryExemplarWhenTheClustersAreOfAnotherDimension() {
        List<LearnedState.Exemplar> memory = new ArrayList<>();
        float[][] centroids = new float[CLUSTERS][];
        int[][] members = new int[CLUSTERS][];
        for (int c = 0; c < CLUSTERS; c++) {
            centroids[c] = new float[] {1, 0, 0};
            members[c] = new int[] {c};
            memory.add(Exemplars.served(onCircle(c), "m" + c, 1));
        }
        LearnedState learned = new LearnedState(1, Map.of(), memory, Map.of(),
                new ExemplarClusters("model", centroids, members, new int[0]));

        assertThat(new ExemplarSimilarities().of(PROMPT, learned).size()).isEqualTo(CLUSTERS);
    }

    @Test
    void shouldReadPackedRowsFirstAndAnswerTheNearestByTheirExactCosine() {
        List<LearnedState.Exemplar> memory = new ArrayList<>();
        float[][] centroids = new float[CLUSTERS][];
        int[][] members = new int[CLUSTERS][];
        Int8Rows[] rows = new Int8Rows[CLUSTERS];
        for (int c = 0; c < CLUSTERS; c++) {
            centroids[c] = onCircle(2 * Math.PI * c / CLUSTERS);
            members[c] = new int[] {c};
            memory.add(Exemplars.served(centroids[c], "m" + c, 1));
            rows[c] = packed(centroids[c]);
        }
        LearnedState learned = new LearnedState(1, Map.of(), memory, Map.of(),
                new ExemplarClusters("model", centroids, members, new int[0], rows));
        float[] prompt = onCircle(0.01);

        ExemplarSimilarities.Scanned scanned = new ExemplarSimilarities().of(prompt, learned);
        List<ExemplarSimilarities.Neighbour> nearest = scanned.nearest(3, exemplar -> true);

        assertThat(scanned.approximate()).isTrue();
        assertThat(nearest).extracting(ExemplarSimilarities.Neighbour::position)
                .containsExactlyInAnyOrder(0, 1, CLUSTERS - 1);
        for (ExemplarSimilarities.Neighbour neighbour : nearest) {
            assertThat(neighbour.cosine()).as("exact, not the int8 approximation")
                    .isEqualTo(Vectors.dot(prompt, centroids[neighbour.position()]));
        }
        assertThat(scanned.nearest(3, exemplar -> !exemplar.servedModel().equals("m0")))
                .extracting(ExemplarSimilarities.Neighbour::position).doesNotContain(0);
    }

    /** One vector as a packed row, quantised as the learning loop quantises it. */
    private static Int8Rows packed(float[] vector) {
        float max = 0;
        for (float x : vector) {
            max = Math.max(max, Math.abs(x));
        }
        float scale = max / 127f;
        byte[] codes = new byte[vector.length];
        for (int d = 0; d < vector.length; d++) {
            codes[d] = (byte) Math.round(vector[d] / scale);
        }
        return new Int8Rows(codes, new float[] {scale}, 0, vector.length);
    }

    private static LearnedState state(List<LearnedState.Exemplar> exemplars) {
        return new LearnedState(1, Map.of(), exemplars, Map.of());
    }

    private static float[] onCircle(double angle) {
        return new float[] {(float) Math.cos(angle), (float) Math.sin(angle)};
    }
}
