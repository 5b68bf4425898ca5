package dev.switchboard.embedder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FragmentationTest {

    @Test
    void shouldCountUnknownPiecesAndLoneLettersOfBothVocabularyKinds() {
        // WordPiece: "[UNK]" and "##x" lone letters; SentencePiece: "<unk>" and "▁x".
        assertThat(Fragmentation.share(new String[] {"write", "a", "[UNK]", "##क", "python", "code"}))
                .as("'a' is an English word").isCloseTo(2 / 6.0, within(1e-9));
        assertThat(Fragmentation.share(new String[] {"\u2581नमस्ते", "\u2581दुनिया", "<unk>", "\u2581क", "\u2581है"}))
                .isCloseTo(2 / 5.0, within(1e-9));
    }

    @Test
    void shouldNotCountDigitsOrPunctuationNorJudgeVeryShortTexts() {
        assertThat(Fragmentation.share(new String[] {"2", "+", "2", "=", "4", "ok"})).isZero();
        assertThat(Fragmentation.share(new String[] {"[UNK]", "[UNK]", "x"})).as("fewer than four pieces").isZero();
    }
}
