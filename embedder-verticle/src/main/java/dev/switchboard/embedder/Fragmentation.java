package dev.switchboard.embedder;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.util.Set;

/**
 * How much of a text the model's vocabulary does not cover: the share of its word pieces that are the unknown token
 * or a lone letter (outside ASCII: "a" is a word). A model spells a script it was not trained on letter by letter, or
 * not at all: with the built-in English model, the median prompt of the project's {@code docs/eval-languages.jsonl}
 * measures 0.96 in Arabic, 0.93 in Russian, 0.86 in Chinese, 0.70 in Hindi and 0.61 in Bengali, and of
 * {@code routing-dev.jsonl} 0.90 in Japanese, against 0 in English, German, Swahili and romanised Hindi (at most
 * 0.15). Digits and punctuation are single characters in every vocabulary and do not count; a text of fewer than
 * {@link #MIN_PIECES} pieces is not judged (0).
 */
final class Fragmentation {

    /** Below this many pieces ("ok", "2+2") there is too little to tell a script the model does not know. */
    static final int MIN_PIECES = 4;
    /** The unknown token of WordPiece (BERT) and SentencePiece (XLM-R, mmBERT) vocabularies. */
    private static final Set<String> UNKNOWN = Set.of("[UNK]", "<unk>");

    private Fragmentation() {
    }

    /** The share of the text's pieces that are unknown or a lone letter, in [0, 1]. */
    static double of(HuggingFaceTokenizer tokenizer, String text) {
        Encoding encoding = tokenizer.encode(text, false, false);
        return share(encoding.getTokens());
    }

    static double share(String[] pieces) {
        int counted = 0;
        int fragments = 0;
        for (String piece : pieces) {
            String bare = strip(piece);
            if (bare.isEmpty()) {
                continue;
            }
            counted++;
            if (UNKNOWN.contains(piece) || lonePiece(bare)) {
                fragments++;
            }
        }
        return counted < MIN_PIECES ? 0 : (double) fragments / counted;
    }

    /**
     * A piece of one letter, not an ASCII one: "a" and "I" are English words, while a lone Devanagari or Cyrillic
     * letter is a word the vocabulary could not hold.
     */
    private static boolean lonePiece(String bare) {
        int letter = bare.codePointAt(0);
        return bare.codePointCount(0, bare.length()) == 1 && Character.isLetter(letter) && letter > 0x7F;
    }

    /** The piece without WordPiece's continuation mark or SentencePiece's word-start mark. */
    private static String strip(String piece) {
        if (piece.startsWith("##")) {
            return piece.substring(2);
        }
        return piece.startsWith("\u2581") ? piece.substring(1) : piece;
    }
}
