package dev.switchboard.proxy.hostile;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * One case of the hostile-input corpus ({@code src/test/resources/hostile/*.jsonl}, one JSON object a line; lines
 * that start with {@code //} and blank lines are skipped): an {@code id}, the {@code ingress} it attacks, what to
 * send and what must come back ({@code expect}). The fields of each ingress are described in
 * {@code hostile/README.md}.
 *
 * <p>Bytes are written as <em>segments</em>: a string, {@code {"repeat": s, "times": n}}, {@code {"base64": ...}},
 * {@code {"json": value}} (the value encoded), or an array of segments, concatenated.
 */
record HostileCase(String file, int line, String id, String ingress, JsonObject spec) {

    /** The ingresses a case may name. */
    static final Set<String> INGRESSES = Set.of("http chat", "http feedback", "http ratings", "http admin",
            "http ops", "extproc");

    JsonObject expect() {
        return spec.getJsonObject("expect", new JsonObject());
    }

    @Override
    public String toString() {
        return id;
    }

    static List<HostileCase> load(String file) throws IOException {
        List<HostileCase> cases = new ArrayList<>();
        try (InputStream in = HostileCase.class.getResourceAsStream("/hostile/" + file)) {
            if (in == null) {
                throw new IOException("no corpus file hostile/" + file + " on the test class path");
            }
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String text = lines[i].strip();
                if (text.isEmpty() || text.startsWith("//")) {
                    continue;
                }
                JsonObject spec;
                try {
                    spec = new JsonObject(text);
                } catch (RuntimeException e) {
                    throw new IOException("hostile/" + file + " line " + (i + 1) + " is not a JSON object: "
                            + e.getMessage(), e);
                }
                String ingress = spec.getString("ingress");
                if (!INGRESSES.contains(ingress)) {
                    throw new IOException("hostile/" + file + " line " + (i + 1) + ": unknown ingress '" + ingress
                            + "', expected one of " + INGRESSES);
                }
                cases.add(new HostileCase(file, i + 1, spec.getString("id"), ingress, spec));
            }
        }
        return cases;
    }

    /** The bytes a segment describes; strings are encoded with {@code charset}. */
    static byte[] bytes(Object segment, Charset charset) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        append(out, segment, charset);
        return out.toByteArray();
    }

    private static void append(ByteArrayOutputStream out, Object segment, Charset charset) {
        if (segment == null) {
            return;
        }
        if (segment instanceof String text) {
            out.writeBytes(text.getBytes(charset));
        } else if (segment instanceof JsonArray parts) {
            parts.forEach(part -> append(out, part, charset));
        } else if (segment instanceof JsonObject special) {
            if (special.containsKey("repeat")) {
                byte[] once = bytes(special.getValue("repeat"), charset);
                for (int i = special.getInteger("times"); i > 0; i--) {
                    out.writeBytes(once);
                }
            } else if (special.containsKey("base64")) {
                out.writeBytes(Base64.getDecoder().decode(special.getString("base64")));
            } else if (special.containsKey("json")) {
                out.writeBytes(io.vertx.core.json.Json.encode(special.getValue("json")).getBytes(StandardCharsets.UTF_8));
            } else {
                throw new IllegalArgumentException("a segment object needs repeat, base64 or json: " + special);
            }
        } else {
            throw new IllegalArgumentException("not a segment: " + segment);
        }
    }

    /** The body of a case: {@code json} (a value, encoded) or {@code body} (segments, UTF-8); null when neither. */
    byte[] body() {
        if (spec.containsKey("json")) {
            return bytes(new JsonObject().put("json", spec.getValue("json")), StandardCharsets.UTF_8);
        }
        return spec.containsKey("body") ? bytes(spec.getValue("body"), StandardCharsets.UTF_8) : null;
    }
}
