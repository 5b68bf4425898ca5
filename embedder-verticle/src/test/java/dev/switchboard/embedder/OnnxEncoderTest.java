package dev.switchboard.embedder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.config.EmbeddingConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Batch invariance: a prompt's vector must not depend on the prompts it happens to be embedded with. */
class OnnxEncoderTest {

    private static final EmbeddingConfig BUILTIN =
            new EmbeddingConfig(null, null, null, null, null, null, null, null, null, null, null);

    @Test
    void shouldEmbedEachTextOfABatchExactlyAsAloneWithTheQuantisedBuiltinModel() throws Exception {
        List<String> texts = List.of("short", "a somewhat longer sentence about compilers and type systems",
                "def fib(n): return n if n < 2 else fib(n - 1) + fib(n - 2)");
        try (OnnxEncoder encoder = new OnnxEncoder(ModelSources.locate(BUILTIN), BUILTIN)) {
            float[][] together = encoder.embed(texts).vectors();

            assertThat(encoder.batchInvariant()).as("int8 activations are quantised per batch").isFalse();
            for (int i = 0; i < texts.size(); i++) {
                assertThat(together[i]).as(texts.get(i))
                        .containsExactly(encoder.embed(List.of(texts.get(i))).vectors()[0]);
            }
        }
    }

    @Test
    void shouldCountAModelAsBatchInvariantOnlyWhenCompanionsLeaveAVectorUnchanged() throws Exception {
        // Each text's vector from its own length alone, as an fp32 encoder with an attention mask behaves.
        OnnxEncoder.Inference independent = texts -> new OnnxEncoder.Embeddings(texts.stream()
                .map(t -> unit(t.length(), 1)).toArray(float[][]::new), 0, new int[texts.size()]);
        // Every vector shifted by the batch's size, as a statistic taken over the whole batch would shift it.
        OnnxEncoder.Inference batchWide = texts -> new OnnxEncoder.Embeddings(texts.stream()
                .map(t -> unit(t.length(), texts.size())).toArray(float[][]::new), 0, new int[texts.size()]);

        assertThat(OnnxEncoder.isBatchInvariant(independent)).isTrue();
        assertThat(OnnxEncoder.isBatchInvariant(batchWide)).isFalse();
    }

    private static float[] unit(double x, double y) {
        double norm = Math.hypot(x, y);
        return new float[] {(float) (x / norm), (float) (y / norm)};
    }
}
