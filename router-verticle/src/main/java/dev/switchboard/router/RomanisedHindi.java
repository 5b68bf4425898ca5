package dev.switchboard.router;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Recognises romanised Hindi (Hinglish) by its function words ({@code languages/romanised-hindi.txt}): "bhai mujhe ek
 * python script chahiye jo files rename kare". Its letters are Latin, so the embedding model's vocabulary covers
 * them piece by piece ({@code Fragmentation} 0) while the English model understands only its English words; without
 * this, 22 of 30 such prompts went to the most expensive model. A prompt is romanised Hindi when at least
 * {@link #MIN_WORDS} of its words, and a {@link #MIN_SHARE} of them, are on the list.
 */
final class RomanisedHindi {

    /** Two function words can be chance ("hai", "kya" in an English sentence about Hindi); three are a sentence. */
    static final int MIN_WORDS = 3;
    /** Hinglish chat is a third to a half function words; English text that quotes a few is far below a fifth. */
    static final double MIN_SHARE = 0.2;
    private static final Pattern WORD = Pattern.compile("\\p{IsLatin}+");
    private static final Set<String> WORDS = load();

    private RomanisedHindi() {
    }

    static boolean is(String prompt) {
        int words = 0;
        int hindi = 0;
        Matcher word = WORD.matcher(prompt);
        while (word.find()) {
            words++;
            hindi += WORDS.contains(word.group().toLowerCase(Locale.ROOT)) ? 1 : 0;
        }
        return hindi >= MIN_WORDS && hindi >= MIN_SHARE * words;
    }

    /** The prompt without its romanised Hindi words: what the English model can read of it. */
    static String withoutHindiWords(String prompt) {
        Matcher word = WORD.matcher(prompt);
        StringBuilder kept = new StringBuilder();
        while (word.find()) {
            word.appendReplacement(kept, WORDS.contains(word.group().toLowerCase(Locale.ROOT)) ? ""
                    : Matcher.quoteReplacement(word.group()));
        }
        word.appendTail(kept);
        return kept.toString();
    }

    private static Set<String> load() {
        try (InputStream in = RomanisedHindi.class.getResourceAsStream("/languages/romanised-hindi.txt")) {
            if (in == null) {
                throw new IllegalStateException("languages/romanised-hindi.txt is missing from the router's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
