package dev.switchboard.feedback.learning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.bus.ExemplarClusters;
import dev.switchboard.contracts.bus.LearnedState;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The exemplar memory's clusters: when they exist, that they partition the memory, and that they find its groups. */
class ExemplarPartitionTest {

    private static final int DIMENSION = 32;
    private static final int GROUPS = 40;
    private static final String MODEL = "minilm";

    private final SplittableRandom random = new SplittableRandom(7);
    private final float[][] groupCentres = IntStream.range(0, GROUPS).mapToObj(g -> unit(gaussian(1))).toArray(
            float[][]::new);
    private long sequence;

    @Test
    void shouldClusterOnlyOnceThereAreEnoughExemplars() {
        ExemplarMemory memory = new ExemplarMemory(5_000);
        for (int i = 0; i < ExemplarPartition.MIN_PARTITIONED - 1; i++) {
            memory.add(exemplar(i % GROUPS, MODEL));
        }
        assertThat(memory.clusters()).isNull();

        memory.add(exemplar(0, MODEL));

        assertPartitions(memory.clusters(), memory.size());
    }

    @Test
    void shouldPutEachExemplarWithItsGroup() {
        ExemplarMemory memory = new ExemplarMemory(5_000);
        int[] group = new int[3_000];
        for (int i = 0; i < group.length; i++) {
            group[i] = random.nextInt(GROUPS);
            memory.add(exemplar(group[i], MODEL));
        }

        ExemplarClusters clusters = memory.clusters();

        assertPartitions(clusters, group.length);
        assertThat(clusters.rows()).as("a memory this small is searched through its float vectors").isNull();
        // Purity: the share of exemplars whose cluster's majority group is their own.
        int pure = 0;
        for (int[] members : clusters.members()) {
            int[] counts = new int[GROUPS];
            for (int position : members) {
                counts[group[position]]++;
            }
            pure += Arrays.stream(counts).max().orElse(0);
        }
        assertThat((double) pure / group.length).isGreaterThan(0.95);
    }

    @Test
    void shouldLeaveAnotherModelsExemplarsUnpartitioned() {
        ExemplarMemory memory = new ExemplarMemory(5_000);
        for (int i = 0; i < ExemplarPartition.MIN_PARTITIONED; i++) {
            memory.add(exemplar(i % GROUPS, MODEL));
        }
        memory.add(exemplar(3, "another-model"));
        memory.add(exemplar(4, MODEL));

        ExemplarClusters clusters = memory.clusters();

        assertPartitions(clusters, memory.size());
        assertThat(clusters.unpartitioned()).containsExactly(ExemplarPartition.MIN_PARTITIONED);
        assertThat(clusters.embeddingModel()).isEqualTo(MODEL);
    }

    @Test
    void shouldFollowTheRingAsItForgetsTheOldest() {
        int capacity = 2_500;
        ExemplarMemory memory = new ExemplarMemory(capacity);
        for (int i = 0; i < 2 * capacity + 123; i++) {
            memory.add(exemplar(i % GROUPS, MODEL));
        }

        ExemplarClusters clusters = memory.clusters();

        assertPartitions(clusters, capacity);
        List<LearnedState.Exemplar> published = memory.copy();
        // Positions are those of the published list: each member is near its cluster's centroid.
        for (int c = 0; c < clusters.members().length; c++) {
            for (int position : clusters.members()[c]) {
                float[] vector = published.get(position).vector();
                assertThat(ExemplarPartition.nearest(clusters.centroids(), vector)).isEqualTo(c);
            }
        }
    }

    @Test
    void shouldGiveTheSameClustersForTheSameExemplarsAndRestoreThem() {
        List<LearnedState.Exemplar> exemplars = IntStream.range(0, 2_600).mapToObj(i -> exemplar(i % GROUPS, MODEL))
                .toList();
        ExemplarMemory one = new ExemplarMemory(5_000);
        ExemplarMemory other = new ExemplarMemory(5_000);
        exemplars.forEach(one::add);
        exemplars.forEach(other::add);
        ExemplarMemory restored = new ExemplarMemory(5_000);
        restored.restore(exemplars);

        assertThat(other.clusters().centroids()).isDeepEqualTo(one.clusters().centroids());
        assertThat(other.clusters().members()).isDeepEqualTo(one.clusters().members());
        assertPartitions(restored.clusters(), exemplars.size());
    }

    @Test
    void shouldPackALargeMemorysVectorsInMemberOrderAsItForgetsTheOldest() {
        int capacity = ExemplarPartition.PACKED_FROM + 500;
        ExemplarMemory memory = new ExemplarMemory(capacity);
        for (int i = 0; i < capacity + 700; i++) {
            memory.add(exemplar(i % GROUPS, MODEL));
        }

        ExemplarClusters clusters = memory.clusters();

        assertPartitions(clusters, capacity);
        assertRowsHoldTheMembers(clusters, memory.copy());
    }

    /** Row m of a cluster's packed rows is its member m's vector: its cosine with that vector is 1, near enough. */
    private static void assertRowsHoldTheMembers(ExemplarClusters clusters, List<LearnedState.Exemplar> published) {
        assertThat(clusters.rows()).hasSameSizeAs(clusters.members());
        for (int c = 0; c < clusters.members().length; c++) {
            int[] members = clusters.members()[c];
            for (int m = 0; m < members.length; m++) {
                float[] vector = published.get(members[m]).vector();
                assertThat(dev.switchboard.selection.Vectors.dot(vector, clusters.rows()[c], m)).as("cluster %d member %d", c, m)
                        .isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.01));
            }
        }
    }

    private static void assertPartitions(ExemplarClusters clusters, int size) {
        assertThat(clusters).isNotNull();
        assertThat(clusters.exemplarCount()).isEqualTo(size);
        int[] all = IntStream.concat(Arrays.stream(clusters.members()).flatMapToInt(Arrays::stream),
                Arrays.stream(clusters.unpartitioned())).sorted().toArray();
        assertThat(all).isEqualTo(IntStream.range(0, size).toArray());
        for (int[] members : clusters.members()) {
            assertThat(members).isSorted();
        }
        assertThat(clusters.centroids().length).isBetween(ExemplarPartition.MIN_CLUSTERS,
                (int) Math.round(Math.sqrt(size)) + 1);
    }

    private LearnedState.Exemplar exemplar(int group, String model) {
        float[] noise = gaussian(0.08);
        float[] vector = groupCentres[group].clone();
        for (int d = 0; d < DIMENSION; d++) {
            vector[d] += noise[d];
        }
        List<LearnedState.Label> label = List.of(new LearnedState.Label("m", 1, 1));
        return new LearnedState.Exemplar(++sequence, model, unit(vector), "d", "m", null, Map.of(), Map.of(), label,
                label);
    }

    private float[] gaussian(double deviation) {
        float[] out = new float[DIMENSION];
        for (int d = 0; d < DIMENSION; d++) {
            out[d] = (float) (random.nextGaussian() * deviation);
        }
        return out;
    }

    private static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float[] out = new float[v.length];
        for (int d = 0; d < v.length; d++) {
            out[d] = (float) (v[d] / Math.sqrt(norm));
        }
        return out;
    }
}
