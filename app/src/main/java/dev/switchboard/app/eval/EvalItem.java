package dev.switchboard.app.eval;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One labelled prompt of an evaluation file (JSON lines: {@code id}, {@code text}, {@code route}, and optionally
 * {@code source} and {@code lang}).
 *
 * @param id     the item's id
 * @param text   the prompt
 * @param route  the gold label, mapped to a model by {@code --labels}
 * @param source where it comes from ({@code unknown} when absent)
 * @param lang   its language ({@code en} when absent)
 */
public record EvalItem(String id, String text, String route, String source, String lang) {

    /** Reads the file; a line without {@code text} or {@code route} is an error naming its line number. */
    public static List<EvalItem> read(Path file) throws IOException {
        List<EvalItem> items = new ArrayList<>();
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            JsonObject json;
            try {
                json = new JsonObject(line);
            } catch (RuntimeException e) {
                throw new IOException(file + " line " + number + ": not a JSON object");
            }
            String text = json.getString("text");
            String route = json.getString("route");
            if (text == null || route == null) {
                throw new IOException(file + " line " + number + ": 'text' and 'route' are required");
            }
            items.add(new EvalItem(json.getString("id", "line-" + number), text, route,
                    json.getString("source", "unknown"), json.getString("lang", "en")));
        }
        return items;
    }
}
