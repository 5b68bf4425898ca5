package dev.switchboard.embedder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.contracts.config.EmbeddingConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The multilingual path with a model this project builds ({@link TinyMultilingualModel}: XLM-R's inputs and outputs,
 * a real SentencePiece tokenizer, random weights): a local folder of that layout loads, tokenises Hindi, Bengali and
 * Russian into whole words, pools and normalises, and its vocabulary covers those prompts where the built-in
 * model's does not.
 */
class MultilingualModelTest {

    @TempDir
    static Path dir;

    private static EmbeddingConfig config;

    @BeforeAll
    static void build() throws Exception {
        config = ModelSourcesTest.local(TinyMultilingualModel.folder(dir.resolve("tiny-xlmr")), null, null, null,
                null);
    }

    @Test
    void shouldLoadAnXlmRobertaFolderWithoutTokenTypeIdsAndEmbedHindi() throws Exception {
        try (OnnxEncoder encoder = new OnnxEncoder(ModelSources.locate(config), config)) {
            float[] vector = encoder.embed(List.of("एक पाइथन फ़ंक्शन लिखो")).vectors()[0];

            assertThat(encoder.modelId()).isEqualTo("local:tiny-xlmr");
            assertThat(vector).hasSize(TinyMultilingualModel.DIMENSION);
            assertThat(Vectors.norm(vector)).isCloseTo(1.0, within(1e-4));
        }
    }

    @Test
    void shouldMeanPoolOverTheRealTokensOnly() throws Exception {
        try (OnnxEncoder encoder = new OnnxEncoder(ModelSources.locate(config), config)) {
            float[] once = encoder.embed(List.of("रात")).vectors()[0];
            float[][] padded = encoder.embed(List.of("रात", "रात के खाने के लिए विचार बताओ")).vectors();

            assertThat(padded[0]).as("padding does not move a short text's vector")
                    .containsExactly(once, within(1e-5f));
            assertThat(Vectors.cosine(padded[0], padded[1])).isLessThan(0.99);
        }
    }

    @Test
    void shouldCoverScriptsItsVocabularyHoldsWhereTheBuiltinModelDoesNot() throws Exception {
        EmbeddingConfig builtin = new EmbeddingConfig(null, null, null, null, null, null, null, null, null, null, null);
        try (OnnxEncoder multilingual = new OnnxEncoder(ModelSources.locate(config), config);
             OnnxEncoder english = new OnnxEncoder(ModelSources.locate(builtin), builtin)) {
            for (String prompt : List.of("रात के खाने के लिए विचार बताओ", "আমাকে একটি কোড লেখো",
                    "какая столица австралии")) {
                assertThat(multilingual.fragmentation(prompt)).as(prompt).isLessThan(0.2);
                assertThat(english.fragmentation(prompt)).as(prompt).isGreaterThan(0.5);
            }
        }
    }
}
