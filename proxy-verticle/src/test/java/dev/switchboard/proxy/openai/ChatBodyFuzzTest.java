package dev.switchboard.proxy.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.proxy.Fuzz;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The chat-body parser ({@link ChatRequest#parse}, both ingresses' entry point) against generated input: arbitrary
 * bytes, arbitrary text, JSON shaped like a chat request with arbitrary values in every field the OpenAI API knows,
 * and valid bodies with bytes flipped, inserted, cut or repeated. Whatever comes in, the parser either refuses it
 * with its documented {@link ChatRequest.InvalidRequestException} (an OpenAI error naming the field) or accepts a
 * body the ingresses can route and rewrite, and it never hangs ({@link Fuzz}: a time limit per input, tries and a
 * time budget per property).
 */
class ChatBodyFuzzTest {

    /** Small limits, so that generated input reaches them. */
    private static final ChatRequest.Limits LIMITS = new ChatRequest.Limits(16, 8);
    private static final List<String> FIELDS = List.of("model", "messages", "stream", "stream_options", "temperature",
            "top_p", "n", "max_tokens", "max_completion_tokens", "presence_penalty", "frequency_penalty", "stop",
            "logprobs", "top_logprobs", "seed", "user", "tools", "tool_choice", "response_format",
            "parallel_tool_calls", "logit_bias", "metadata", "store", "modalities", "functions", "function_call",
            "include_usage", "role", "content", "type", "text", "name", "tool_calls", "tool_call_id", "function",
            "json_schema", "audio", "options", "", "model");
    private static final List<String> WORDS = List.of("", "MoM", "auto", "user", "assistant", "system", "tool",
            "developer", "function", "text", "image_url", "custom", "json_object", "json_schema", "none", "required",
            "hi", "get_weather", "bad name!", "\\u0000", "\\ud800", "\\n", "\\\"", "é", "日本", "\\uDBFF\\uDFFF");
    private static final List<String> VALID = List.of(
            "{\"model\":\"MoM\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
            "{\"model\":\"auto\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"temperature\":0.2,"
                    + "\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},{\"role\":\"user\",\"content\":"
                    + "[{\"type\":\"text\",\"text\":\"a\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"x\"}}]}]}",
            "{\"model\":\"MoM\",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],\"tool_choice\":"
                    + "\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"w?\"},{\"role\":\"assistant\","
                    + "\"content\":null,\"tool_calls\":[{\"id\":\"c\"}]},{\"role\":\"tool\",\"tool_call_id\":\"c\","
                    + "\"content\":\"sun\"}],\"n\":2,\"stop\":[\"x\"],\"max_tokens\":5}",
            "{\"model\":\"MoM\",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"s\"}},"
                    + "\"seed\":7,\"messages\":[{\"role\":\"developer\",\"content\":\"\\u00e9\\ud83d\\ude00\"}]}");

    @Test
    void shouldRefuseArbitraryBytesOnlyWithTheValidationError() {
        Fuzz.property("chat body: arbitrary bytes", ChatBodyFuzzTest::bytes).tries(2000)
                .show(Fuzz::escape).shrink(Fuzz::shrinkBytes).check(ChatBodyFuzzTest::parses);
    }

    @Test
    void shouldRefuseArbitraryTextOnlyWithTheValidationError() {
        Fuzz.property("chat body: arbitrary text", ChatBodyFuzzTest::text).tries(2000)
                .show(Fuzz::escape).shrink(Fuzz::shrinkBytes).check(ChatBodyFuzzTest::parses);
    }

    @Test
    void shouldRefuseChatShapedJsonOnlyWithTheValidationError() {
        Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        int inputs = Fuzz.property("chat body: chat-shaped JSON", ChatBodyFuzzTest::chatShaped).tries(3000)
                .show(Fuzz::escape).shrink(Fuzz::shrinkBytes)
                .check(body -> outcomes.merge(parses(body), 1, Integer::sum));

        // The generator reaches past the first checks: bodies are accepted, and refused for many different fields.
        assertThat(outcomes.getOrDefault("accepted", 0)).as("%s", outcomes).isGreaterThan(inputs / 20);
        assertThat(outcomes.keySet()).as("%s", outcomes).hasSizeGreaterThan(20);
    }

    @Test
    void shouldRefuseMutatedValidBodiesOnlyWithTheValidationError() {
        Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        int inputs = Fuzz.property("chat body: mutated valid bodies", ChatBodyFuzzTest::mutated).tries(2000)
                .show(Fuzz::escape).shrink(Fuzz::shrinkBytes)
                .check(body -> outcomes.merge(parses(body), 1, Integer::sum));

        // About 2 % of mutated bodies stay valid (38 of 2,000 in the CI run that failed a 2 % bound); 1 % leaves room
        // for chance (about 4 standard deviations) and still fails a generator that stops producing valid bodies.
        assertThat(outcomes.getOrDefault("accepted", 0)).as("%s", outcomes).isGreaterThan(inputs / 100);
    }

    /**
     * The property: refused with an OpenAI-style error whose {@code param} is a field path or null, or accepted as a
     * request whose rewritten body is accepted again with the same text to classify. Returns the outcome: accepted,
     * or the param (or the code, or "body") of the refusal.
     */
    static String parses(byte[] body) throws Exception {
        ChatRequest chat;
        try {
            chat = ChatRequest.parse(Buffer.buffer(body), LIMITS);
        } catch (ChatRequest.InvalidRequestException refused) {
            JsonObject error = refused.toError().getJsonObject("error");
            assertThat(error.getString("message")).isNotBlank();
            assertThat(error.getString("type")).isEqualTo(ApiError.INVALID_REQUEST);
            assertThat(error.getString("param")).satisfiesAnyOf(param -> assertThat(param).isNull(),
                    param -> assertThat(param).matches("[a-z_]+(\\[\\d+\\]|\\.[a-z_]+)*"));
            String param = error.getString("param");
            return param != null ? param.replaceAll("\\[\\d+\\]", "[]") + " " + error.getString("code")
                    : error.getString("message").replaceAll("[ (].*", "");
        }
        assertThat(chat.model()).isNotBlank();
        chat.toRouteRequest("r-1", null, null, false, "fuzz", 0);
        ChatRequest again = ChatRequest.parse(chat.withModel("rewritten"), LIMITS);
        assertThat(again.model()).isEqualTo("rewritten");
        assertThat(again.userMessage()).isEqualTo(chat.userMessage());
        assertThat(again.streams()).isEqualTo(chat.streams());
        return "accepted";
    }

    // Generators

    private static final byte[] SIGNIFICANT = "{}[]\":,0123456789-+.eEtrufalsn\\ \t\n/u".getBytes(StandardCharsets.US_ASCII);

    static byte[] bytes(Random random) {
        byte[] bytes = new byte[random.nextInt(300)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = random.nextInt(4) == 0 ? (byte) random.nextInt(256)
                    : SIGNIFICANT[random.nextInt(SIGNIFICANT.length)];
        }
        return bytes;
    }

    static byte[] text(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(200); i > 0; i--) {
            switch (random.nextInt(5)) {
                case 0 -> text.append((char) random.nextInt(0x80));
                case 1 -> text.append((char) random.nextInt(0x10000));
                case 2 -> text.appendCodePoint(0x10000 + random.nextInt(0x100000));
                default -> text.append((char) SIGNIFICANT[random.nextInt(SIGNIFICANT.length)]);
            }
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A valid chat request with one to three things made arbitrary: a field the OpenAI API knows (or another) set to
     * an arbitrary value, or one turn's role, content or content part; so that most inputs get past the first checks
     * and reach the later ones.
     */
    static byte[] chatShaped(Random random) {
        StringBuilder messages = new StringBuilder("[");
        int turns = 1 + random.nextInt(4);
        int odd = random.nextInt(3) == 0 ? random.nextInt(turns) : -1;
        for (int i = 0; i < turns; i++) {
            messages.append(i > 0 ? "," : "");
            if (i == odd) {
                message(random, messages);
            } else {
                messages.append("{\"role\":\"").append(List.of("user", "system", "assistant", "developer")
                        .get(random.nextInt(4))).append("\",\"content\":\"turn ").append(i).append("\"}");
            }
        }
        messages.append(']');
        StringBuilder json = new StringBuilder("{\"model\":");
        if (random.nextInt(10) == 0) {
            value(random, json, 2);
        } else {
            json.append(random.nextInt(4) == 0 ? "\"auto\"" : "\"MoM\"");
        }
        json.append(",\"messages\":").append(random.nextInt(12) == 0 ? "[]" : messages);
        for (int i = random.nextInt(4); i > 0; i--) {
            json.append(",\"").append(FIELDS.get(random.nextInt(FIELDS.size()))).append("\":");
            value(random, json, 3);
        }
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void message(Random random, StringBuilder json) {
        if (random.nextInt(10) == 0) {
            value(random, json, 2);
            return;
        }
        json.append("{\"role\":");
        if (random.nextInt(4) == 0) {
            value(random, json, 1);
        } else {
            json.append('"').append(WORDS.get(random.nextInt(12))).append('"');
        }
        if (random.nextInt(6) != 0) {
            json.append(",\"content\":");
            if (random.nextInt(3) == 0) {
                json.append('[');
                for (int p = random.nextInt(4); p > 0; p--) {
                    json.append("{\"type\":");
                    if (random.nextBoolean()) {
                        json.append("\"text\"");
                    } else {
                        value(random, json, 0);
                    }
                    json.append(",\"text\":");
                    value(random, json, 1);
                    json.append('}').append(p > 1 ? "," : "");
                }
                json.append(']');
            } else {
                value(random, json, 2);
            }
        }
        for (int i = random.nextInt(3); i > 0; i--) {
            json.append(",\"").append(FIELDS.get(random.nextInt(FIELDS.size()))).append("\":");
            value(random, json, 2);
        }
        json.append('}');
    }

    /** A JSON value, nested at most {@code depth} more levels, with the edge cases of numbers and strings. */
    static void value(Random random, StringBuilder json, int depth) {
        switch (random.nextInt(depth > 0 ? 9 : 6)) {
            case 0 -> json.append("null");
            case 1 -> json.append(random.nextBoolean());
            case 2 -> json.append(random.nextInt(300) - 3);
            case 3 -> json.append(List.of("0", "-0", "1.0", "2.5", "-2.5", "1e400", "-1e400", "1E+2", "1e-400",
                    "9223372036854775808", "-9223372036854775809", "0.1", "128", "129", "20", "21",
                    "1".repeat(50)).get(random.nextInt(17)));
            case 4, 5 -> {
                json.append('"');
                for (int i = random.nextInt(4); i >= 0; i--) {
                    json.append(WORDS.get(random.nextInt(WORDS.size())));
                }
                json.append('"');
            }
            case 6 -> {
                json.append('[');
                for (int i = random.nextInt(5); i > 0; i--) {
                    value(random, json, depth - 1);
                    json.append(i > 1 ? "," : "");
                }
                json.append(']');
            }
            default -> {
                json.append('{');
                for (int i = random.nextInt(5); i > 0; i--) {
                    json.append('"').append(FIELDS.get(random.nextInt(FIELDS.size()))).append("\":");
                    value(random, json, depth - 1);
                    json.append(i > 1 ? "," : "");
                }
                json.append('}');
            }
        }
    }

    static byte[] mutated(Random random) {
        byte[] body = VALID.get(random.nextInt(VALID.size())).getBytes(StandardCharsets.UTF_8);
        for (int m = 1 + random.nextInt(4); m > 0 && body.length > 0; m--) {
            int at = random.nextInt(body.length);
            switch (random.nextInt(5)) {
                case 0 -> body[at] = (byte) random.nextInt(256);
                case 1 -> body[at] = SIGNIFICANT[random.nextInt(SIGNIFICANT.length)];
                case 2 -> body = splice(body, at, Math.min(body.length - at, 1 + random.nextInt(8)), new byte[0]);
                case 3 -> body = splice(body, at, 0, java.util.Arrays.copyOfRange(body, at,
                        Math.min(body.length, at + 1 + random.nextInt(16))));
                default -> body = java.util.Arrays.copyOf(body, at);
            }
        }
        return body;
    }

    private static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
        byte[] out = new byte[bytes.length - remove + insert.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(bytes, at + remove, out, at + insert.length, bytes.length - at - remove);
        return out;
    }
}
