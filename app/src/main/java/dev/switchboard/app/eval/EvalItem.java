package dev.switchboard.app.eval;

import io.vertx.core.json.JsonObject;
import io.vertx.core.json.JsonArray;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.EnumMap;

/**
 * One labelled prompt of an evaluation file (JSON lines: {@code id}, {@code text}, {@code route}, and optionally
 * {@code source} and {@code lang}).
 *
 * @param line   its line number in the file, for errors
 * @param id     the item's id ({@code line-N} when absent)
 * @param text   the prompt
 * @param route  the gold label, mapped to a model by {@code --labels}
 * @param source where it comes from ({@code unknown} when absent or null)
 * @param lang   its language ({@code unknown} when absent or null)
 */
public record EvalItem(int line, String id, String text, String route, String source, String lang) {

    static final String UNKNOWN = "unknown";
    private static final String BYTE_ORDER_MARK = "\uFEFF";

    /**
     * The script most of the prompt's letters are in, as Unicode names it ({@code latin}, {@code devanagari},
     * {@code han}, ...); {@code unknown} for a prompt without letters. Computed, so every file gets it.
     */
    public String script() {
        Map<Character.UnicodeScript, Integer> letters = new EnumMap<>(Character.UnicodeScript.class);
        text.codePoints().filter(Character::isLetter)
                .forEach(c -> letters.merge(Character.UnicodeScript.of(c), 1, Integer::sum));
        return letters.entrySet().stream().max(Map.Entry.comparingByValue())
                .map(e -> e.getKey().name().toLowerCase(Locale.ROOT)).orElse(UNKNOWN);
    }

    /**
     * Reads the file. A line that is not a JSON object, or lacks a non-empty {@code text} or {@code route} string, or
     * has a field of the wrong type, or is not UTF-8, is an error naming its line number (never its text: it is a
     * prompt). A byte order mark before the first line is skipped.
     */
    public static List<EvalItem> read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
        List<EvalItem> items = new ArrayList<>();
        int number = 0;
        for (int start = 0; start < bytes.length; ) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            number++;
            String line;
            try {
                line = utf8.decode(ByteBuffer.wrap(bytes, start, end - start)).toString();
            } catch (CharacterCodingException e) {
                throw new IOException(file + " line " + number + ": not UTF-8 text");
            }
            if (number == 1 && line.startsWith(BYTE_ORDER_MARK)) {
                line = line.substring(1);
            }
            if (!line.isBlank()) {
                items.add(item(line, file, number));
            }
            start = end + 1;
        }
        return items;
    }

    private static EvalItem item(String line, Path file, int number) throws IOException {
        JsonObject json;
        try {
            json = new JsonObject(line);
        } catch (RuntimeException e) {
            throw new IOException(file + " line " + number + ": not a JSON object");
        }
        String text = text(json, "text", file, number);
        String route = text(json, "route", file, number);
        if (text == null || text.isBlank() || route == null || route.isBlank()) {
            throw new IOException(file + " line " + number + ": 'text' and 'route' are required");
        }
        String id = text(json, "id", file, number);
        String source = text(json, "source", file, number);
        String lang = text(json, "lang", file, number);
        return new EvalItem(number, id == null ? "line-" + number : id, text, route,
                source == null ? UNKNOWN : source, lang == null ? UNKNOWN : lang);
    }

    /** A string field, null when absent or null; any other type is an error naming the line. */
    private static String text(JsonObject json, String field, Path file, int line) throws IOException {
        Object value = json.getValue(field);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        String kind = value instanceof Number ? "a number" : value instanceof Boolean ? "a boolean"
                : value instanceof JsonArray ? "an array" : "an object";
        throw new IOException(file + " line " + line + ": '" + field + "' must be a string, got " + kind);
    }
}
