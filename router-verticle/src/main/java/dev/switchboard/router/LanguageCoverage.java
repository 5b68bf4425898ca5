package dev.switchboard.router;

import dev.switchboard.contracts.bus.EmbedReply;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a prompt's vector can be trusted: the embedder says how much of the prompt its model's vocabulary does not
 * cover ({@link EmbedReply#fragmentation()}). Above {@link #MAX_FRAGMENTATION} the vector of the whole prompt means
 * little (a Hindi prompt under the English default model is spelled letter by letter), but its Latin-script words
 * (code, identifiers, technical terms: "एक Python function लिखो जो list को sort करे") still carry meaning for a
 * model trained on English: with at least {@link #MIN_RESIDUE_WORDS} of them, they are embedded and routed on instead.
 * Romanised Hindi is covered piece by piece but not understood: its English words are the residue.
 * Otherwise nothing in the prompt does, and the router says so ({@code language_unsupported}) rather than route on
 * noise.
 */
final class LanguageCoverage {

    /** How the prompt's vector came about. */
    enum Coverage {
        /** The model covers the prompt: its own vector. */
        COVERED,
        /** The model does not cover the prompt, but its Latin-script words were embedded instead. */
        LATIN_RESIDUE,
        /** Nothing of the prompt is covered: no vector. */
        UNSUPPORTED
    }

    /**
     * The most fragmentation a trusted prompt shows: English, German, Swahili and romanised Hindi prompts measure at
     * most 0.15 under the built-in model, the median prompt in a script it does not cover 0.61 (Bengali) to 0.96
     * (Arabic) (docs/eval-languages.jsonl, routing-dev.jsonl).
     */
    static final double MAX_FRAGMENTATION = 0.5;
    /** Fewer Latin words than this ("Python" alone) say too little about the request to route on. */
    static final int MIN_RESIDUE_WORDS = 3;
    /** A Latin-script word with the characters code and names carry: {@code C++}, {@code Node.js}, {@code snake_case}. */
    private static final Pattern LATIN_WORD = Pattern.compile("[\\p{IsLatin}0-9][\\p{IsLatin}0-9_.+#'/%^=-]*");

    private LanguageCoverage() {
    }

    /**
     * Whether the model covers the prompt: its pieces are words of the vocabulary, and it is not romanised Hindi, whose
     * Latin letters the vocabulary spells but whose words the English model does not know ({@link RomanisedHindi}).
     */
    static boolean covered(EmbedReply reply, String prompt) {
        boolean pieces = reply.fragmentation().isEmpty() || reply.fragmentation().get(0) <= MAX_FRAGMENTATION;
        return pieces && !RomanisedHindi.is(prompt);
    }

    /** The words of a prompt the model does not cover that it can still read: its Latin ones, less romanised Hindi. */
    static Optional<String> readableResidue(String prompt) {
        return latinResidue(RomanisedHindi.withoutHindiWords(prompt));
    }

    /** The prompt's Latin-script words of two letters or more, in order, when there are enough to route on. */
    static Optional<String> latinResidue(String prompt) {
        List<String> words = new ArrayList<>();
        Matcher word = LATIN_WORD.matcher(prompt);
        while (word.find()) {
            if (word.group().length() >= 2 || Character.isDigit(word.group().charAt(0))) {
                words.add(word.group());
            }
        }
        return words.size() >= MIN_RESIDUE_WORDS ? Optional.of(String.join(" ", words)) : Optional.empty();
    }
}
