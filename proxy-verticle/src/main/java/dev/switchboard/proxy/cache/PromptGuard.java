package dev.switchboard.proxy.cache;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a semantic hit must share with the prompt besides its meaning: the tokens a near-miss changes while its
 * embedding stays close. Sentence embeddings barely move when "3 items" becomes "4 items", "Paris" becomes "Lyon",
 * "is" becomes "is not", or {@code a < b} becomes {@code a <= b}; the answer does. So the guard of a prompt is the
 * set of its numbers, its names (capitalised words past a sentence's start), its negations, its code tokens, its
 * script and its language by function words, and a semantic hit needs equal guards. A paraphrase
 * rewords the rest and keeps these, so it still hits. A prompt longer than the embedding model reads is matched
 * exactly only: two long prompts sharing their beginning embed alike whatever follows (the reference's issue 3366).
 */
public final class PromptGuard {

    /** Beyond this many characters the embedding (512 tokens at most) no longer sees the whole prompt. */
    static final int SEMANTIC_MAX_CHARS = 1_500;

    private static final String ENGLISH = "en";
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}][\\p{L}\\p{M}'’]*");
    /**
     * Identifiers with underscores, dots, a call's bracket or inner capitals, operators, and anything in backticks:
     * what code differs by. A lone {@code -} or {@code /} is left out: prose uses them ("well-known", "and/or").
     */
    private static final Pattern CODE = Pattern.compile(
            "[A-Za-z_$][\\w$]*(?:[._][\\w$]+)+|[a-z]+[A-Z][\\w$]*|[A-Za-z_$][\\w$]*\\("
                    + "|[<>=!+\\-*/%&|^:]{2,3}|[<>=+*%^]|`[^`]+`");
    private static final Map<String, Integer> NUMBER_WORDS = Map.ofEntries(Map.entry("zero", 0),
            Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5),
            Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9),
            Map.entry("ten", 10), Map.entry("eleven", 11), Map.entry("twelve", 12), Map.entry("twenty", 20),
            Map.entry("thirty", 30), Map.entry("fifty", 50), Map.entry("hundred", 100), Map.entry("thousand", 1000),
            Map.entry("million", 1_000_000), Map.entry("billion", 1_000_000_000));
    private static final Pattern POSSESSIVE = Pattern.compile("['’]s$");
    private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "none", "nothing", "neither", "nor",
            "without", "cannot", "can't", "don't", "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't",
            "won't", "wouldn't", "shouldn't", "couldn't", "mustn't", "except", "nicht", "kein", "keine", "nie",
            "ohne", "pas", "jamais", "sans", "nunca", "sin", "non", "mai", "senza", "niet", "geen", "nooit", "zonder");
    /** A few frequent function words per language: enough to tell an English prompt from its translation. */
    private static final String[][] FUNCTION_WORDS = {
        {"en", "the", "and", "is", "are", "what", "how", "of", "to", "with", "for", "this", "that", "me", "my"},
        {"de", "der", "die", "das", "und", "ist", "sind", "wie", "was", "mit", "für", "ich", "nicht", "ein", "eine"},
        {"fr", "le", "la", "les", "et", "est", "sont", "comment", "quoi", "avec", "pour", "je", "une", "des", "du"},
        {"es", "el", "los", "las", "y", "es", "son", "cómo", "qué", "con", "para", "yo", "una", "del", "por"},
        {"it", "il", "lo", "gli", "e", "è", "sono", "come", "che", "con", "per", "io", "una", "della", "di"},
        {"pt", "o", "os", "as", "e", "é", "são", "como", "que", "com", "para", "eu", "uma", "do", "da"},
        {"nl", "de", "het", "en", "is", "zijn", "hoe", "wat", "met", "voor", "ik", "een", "niet", "van", "dat"},
    };

    private PromptGuard() {
    }

    /** The guard of {@code prompt}: equal for prompts that may answer each other by meaning. */
    public static String of(String prompt) {
        if (prompt.length() > SEMANTIC_MAX_CHARS) {
            return "exact:" + CacheIdentity.sha256(prompt);
        }
        StringBuilder guard = new StringBuilder();
        guard.append("script=").append(script(prompt));
        guard.append(";lang=").append(language(prompt));
        guard.append(";numbers=").append(numbers(prompt));
        guard.append(";names=").append(names(prompt));
        guard.append(";negations=").append(negations(prompt));
        guard.append(";code=").append(all(CODE, prompt));
        return guard.toString();
    }

    /**
     * Numbers, with thousands separators dropped ("1,000" and "1000" agree) and English number words as digits
     * ("three" and "3" agree; "one" is left out, being a pronoun as often).
     */
    private static Set<String> numbers(String prompt) {
        Set<String> numbers = new TreeSet<>();
        Matcher m = NUMBER.matcher(prompt);
        while (m.find()) {
            numbers.add(m.group().replace(",", ""));
        }
        Matcher words = WORD.matcher(prompt.toLowerCase(Locale.ROOT));
        while (words.find()) {
            Integer value = NUMBER_WORDS.get(words.group());
            if (value != null) {
                numbers.add(String.valueOf(value));
            }
        }
        return numbers;
    }

    /**
     * Capitalised words not at a sentence's start, lower-cased: names of people, places and products. A word
     * capitalised at the start is not a name by that alone ("Explain", "What"), and rewording moves words there.
     */
    private static Set<String> names(String prompt) {
        Set<String> names = new TreeSet<>();
        Matcher m = WORD.matcher(prompt);
        while (m.find()) {
            String word = m.group();
            if (Character.isUpperCase(word.codePointAt(0)) && !sentenceStart(prompt, m.start())
                    && !word.equals("I")) {
                names.add(POSSESSIVE.matcher(word.toLowerCase(Locale.ROOT)).replaceFirst(""));
            }
        }
        return names;
    }

    private static boolean sentenceStart(String text, int at) {
        for (int i = at - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == '"' || c == '\'' || c == '(' || c == '*') {
                continue;
            }
            return c == '.' || c == '!' || c == '?' || c == ':' || c == '\n' || c == '-';
        }
        return true;
    }

    /** How many negations, not which: "isn't" and "is not" agree, "is" and "is not" do not. */
    private static int negations(String prompt) {
        int count = 0;
        Matcher m = WORD.matcher(prompt.toLowerCase(Locale.ROOT));
        while (m.find()) {
            String word = m.group().replace('’', '\'');
            if (NEGATIONS.contains(word) || word.endsWith("n't")) {
                count++;
            }
        }
        return count;
    }

    private static Set<String> all(Pattern pattern, String prompt) {
        Set<String> found = new TreeSet<>();
        Matcher m = pattern.matcher(prompt);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    /** The Unicode script most of the prompt's letters are in. */
    private static String script(String prompt) {
        int[] counts = new int[Character.UnicodeScript.values().length];
        int best = Character.UnicodeScript.COMMON.ordinal();
        for (int i = 0; i < prompt.length(); ) {
            int cp = prompt.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetter(cp)) {
                int script = Character.UnicodeScript.of(cp).ordinal();
                if (++counts[script] > counts[best] || best == Character.UnicodeScript.COMMON.ordinal()) {
                    best = script;
                }
            }
        }
        return Character.UnicodeScript.values()[best].name().toLowerCase(Locale.ROOT);
    }

    /**
     * The language whose function words the prompt uses at least twice and most, else English (the embedding model's
     * language): a short English paraphrase with no function words must agree with a longer one, and a translation
     * uses its language's function words throughout.
     */
    private static String language(String prompt) {
        String[] words = prompt.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{M}]+");
        String best = ENGLISH;
        int bestCount = 1;
        for (String[] language : FUNCTION_WORDS) {
            int count = 0;
            for (String word : words) {
                for (int i = 1; i < language.length; i++) {
                    if (language[i].equals(word)) {
                        count++;
                        break;
                    }
                }
            }
            if (count > bestCount) {
                best = language[0];
                bestCount = count;
            }
        }
        return best;
    }
}
