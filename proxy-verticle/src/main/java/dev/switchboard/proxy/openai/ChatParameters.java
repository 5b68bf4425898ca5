package dev.switchboard.proxy.openai;

import dev.switchboard.proxy.openai.ChatRequest.InvalidRequestException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The chat completion parameters beside {@code model} and {@code messages}, checked as the OpenAI API checks them
 * before anything is spent on the request: each known field has its JSON type, numbers their range, and the few
 * structured ones ({@code tools}, {@code tool_choice}, {@code response_format}, {@code stop}, {@code stream_options})
 * their shape. A null is an absent field, as the API treats it. Fields the API does not know pass untouched:
 * backends add their own ({@code options}, {@code guided_json}, ...), and the body is forwarded as it came.
 */
final class ChatParameters {

    /** The most tools the OpenAI API accepts. */
    static final int MAX_TOOLS = 128;
    /**
     * Stop sequences: the OpenAI API takes 4, but Ollama, vLLM and llama.cpp take more, and a request that the
     * model's own server would serve must not be refused by the router in front of it.
     */
    static final int MAX_STOP = 16;
    /** {@code max_tokens: -1}: "no limit" to LM Studio and llama.cpp, which clients of those servers send. */
    private static final int NO_TOKEN_LIMIT = -1;
    private static final Pattern FUNCTION_NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");
    private static final List<String> TOOL_TYPES = List.of("function", "custom");
    private static final List<String> TOOL_CHOICES = List.of("none", "auto", "required");
    private static final List<String> RESPONSE_FORMATS = List.of("text", "json_object", "json_schema");

    private ChatParameters() {
    }

    static void check(JsonObject body) throws InvalidRequestException {
        decimal(body, "temperature", 0, 2);
        decimal(body, "top_p", 0, 1);
        decimal(body, "presence_penalty", -2, 2);
        decimal(body, "frequency_penalty", -2, 2);
        integer(body, "n", 1, 128);
        if (!Integer.valueOf(NO_TOKEN_LIMIT).equals(body.getValue("max_tokens"))) {
            integer(body, "max_tokens", 1, null);
        }
        integer(body, "max_completion_tokens", 1, null);
        integer(body, "top_logprobs", 0, 20);
        integer(body, "seed", null, null);
        for (String flag : List.of("logprobs", "parallel_tool_calls", "store")) {
            ofType(body, flag, Boolean.class, "a boolean");
        }
        for (String text : List.of("user", "reasoning_effort", "service_tier", "verbosity")) {
            ofType(body, text, String.class, "a string");
        }
        for (String object : List.of("logit_bias", "metadata", "prediction", "audio", "web_search_options")) {
            ofType(body, object, JsonObject.class, "an object");
        }
        ofType(body, "modalities", JsonArray.class, "an array");
        stop(body);
        streamOptions(body);
        tools(body);
        toolChoice(body);
        responseFormat(body);
        functions(body);
    }

    private static void stop(JsonObject body) throws InvalidRequestException {
        Object stop = body.getValue("stop");
        if (stop == null || stop instanceof String) {
            return;
        }
        if (!(stop instanceof JsonArray list)) {
            throw ChatRequest.invalidType("stop", "a string or an array of strings", stop);
        }
        if (list.size() > MAX_STOP) {
            throw tooLong("stop", MAX_STOP, list.size());
        }
        for (int i = 0; i < list.size(); i++) {
            if (!(list.getValue(i) instanceof String)) {
                throw ChatRequest.invalidType("stop[" + i + "]", "a string", list.getValue(i));
            }
        }
    }

    private static void streamOptions(JsonObject body) throws InvalidRequestException {
        JsonObject options = ofType(body, "stream_options", JsonObject.class, "an object");
        if (options == null) {
            return;
        }
        if (!Boolean.TRUE.equals(body.getValue("stream"))) {
            throw new InvalidRequestException("Invalid value for 'stream_options': Setting 'stream_options' is only "
                    + "allowed when 'stream' is enabled.", "stream_options", "invalid_value");
        }
        ofType(options, "include_usage", Boolean.class, "a boolean", "stream_options.");
    }

    private static void tools(JsonObject body) throws InvalidRequestException {
        JsonArray tools = ofType(body, "tools", JsonArray.class, "an array");
        if (tools == null) {
            return;
        }
        if (tools.size() > MAX_TOOLS) {
            throw tooLong("tools", MAX_TOOLS, tools.size());
        }
        for (int i = 0; i < tools.size(); i++) {
            String at = "tools[" + i + "]";
            if (!(tools.getValue(i) instanceof JsonObject tool)) {
                throw ChatRequest.invalidType(at, "an object", tools.getValue(i));
            }
            String type = required(tool, "type", at);
            if (!TOOL_TYPES.contains(type)) {
                throw invalidValue(at + ".type", type, TOOL_TYPES);
            }
            if ("function".equals(type)) {
                JsonObject function = requiredObject(tool, "function", at);
                String name = required(function, "name", at + ".function");
                if (!FUNCTION_NAME.matcher(name).matches()) {
                    throw new InvalidRequestException("Invalid '" + at + ".function.name': string does not match "
                            + "pattern. Expected a string that matches the pattern '" + FUNCTION_NAME.pattern()
                            + "'.", at + ".function.name", "invalid_value");
                }
            }
        }
    }

    private static void toolChoice(JsonObject body) throws InvalidRequestException {
        Object choice = body.getValue("tool_choice");
        if (choice == null) {
            return;
        }
        if (choice instanceof String mode) {
            if (!TOOL_CHOICES.contains(mode)) {
                throw invalidValue("tool_choice", mode, TOOL_CHOICES);
            }
            return;
        }
        if (!(choice instanceof JsonObject named)) {
            throw ChatRequest.invalidType("tool_choice", "a string or an object", choice);
        }
        String type = required(named, "type", "tool_choice");
        if ("function".equals(type)) {
            required(requiredObject(named, "function", "tool_choice"), "name", "tool_choice.function");
        }
    }

    private static void responseFormat(JsonObject body) throws InvalidRequestException {
        JsonObject format = ofType(body, "response_format", JsonObject.class, "an object");
        if (format == null) {
            return;
        }
        String type = required(format, "type", "response_format");
        if (!RESPONSE_FORMATS.contains(type)) {
            throw invalidValue("response_format.type", type, RESPONSE_FORMATS);
        }
        if ("json_schema".equals(type)) {
            required(requiredObject(format, "json_schema", "response_format"), "name", "response_format.json_schema");
        }
    }

    /** The deprecated {@code functions} and {@code function_call}, which older clients still send. */
    private static void functions(JsonObject body) throws InvalidRequestException {
        JsonArray functions = ofType(body, "functions", JsonArray.class, "an array");
        if (functions != null) {
            for (int i = 0; i < functions.size(); i++) {
                if (!(functions.getValue(i) instanceof JsonObject function)) {
                    throw ChatRequest.invalidType("functions[" + i + "]", "an object", functions.getValue(i));
                }
                required(function, "name", "functions[" + i + "]");
            }
        }
        Object call = body.getValue("function_call");
        if (call != null && !(call instanceof String) && !(call instanceof JsonObject)) {
            throw ChatRequest.invalidType("function_call", "a string or an object", call);
        }
    }

    private static void decimal(JsonObject body, String field, double min, double max)
            throws InvalidRequestException {
        Object value = body.getValue(field);
        if (value == null) {
            return;
        }
        if (!(value instanceof Number number)) {
            throw ChatRequest.invalidType(field, "a decimal", value);
        }
        double d = number.doubleValue();
        if (d < min) {
            throw new InvalidRequestException("Invalid '" + field + "': decimal below minimum value. Expected a value "
                    + ">= " + plain(min) + ", but got " + plain(number) + " instead.", field, "decimal_below_min_value");
        }
        if (d > max) {
            throw new InvalidRequestException("Invalid '" + field + "': decimal above maximum value. Expected a value "
                    + "<= " + plain(max) + ", but got " + plain(number) + " instead.", field, "decimal_above_max_value");
        }
    }

    private static void integer(JsonObject body, String field, Integer min, Integer max)
            throws InvalidRequestException {
        Object value = body.getValue(field);
        if (value == null) {
            return;
        }
        if (!(value instanceof Integer || value instanceof Long || value instanceof BigInteger)) {
            throw ChatRequest.invalidType(field, "an integer", value);
        }
        BigInteger n = value instanceof BigInteger big ? big : BigInteger.valueOf(((Number) value).longValue());
        if (min != null && n.compareTo(BigInteger.valueOf(min)) < 0) {
            throw new InvalidRequestException("Invalid '" + field + "': integer below minimum value. Expected a value "
                    + ">= " + min + ", but got " + n + " instead.", field, "integer_below_min_value");
        }
        if (max != null && n.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new InvalidRequestException("Invalid '" + field + "': integer above maximum value. Expected a value "
                    + "<= " + max + ", but got " + n + " instead.", field, "integer_above_max_value");
        }
    }

    private static <T> T ofType(JsonObject object, String field, Class<T> type, String expected)
            throws InvalidRequestException {
        return ofType(object, field, type, expected, "");
    }

    /** The field when it has {@code type}, null when absent; {@code prefix} is the path of {@code object}. */
    private static <T> T ofType(JsonObject object, String field, Class<T> type, String expected, String prefix)
            throws InvalidRequestException {
        Object value = object.getValue(field);
        if (value == null) {
            return null;
        }
        if (!type.isInstance(value)) {
            throw ChatRequest.invalidType(prefix + field, expected, value);
        }
        return type.cast(value);
    }

    private static String required(JsonObject object, String field, String at) throws InvalidRequestException {
        Object value = object.getValue(field);
        if (value == null) {
            throw ChatRequest.missing(at + "." + field);
        }
        if (!(value instanceof String text)) {
            throw ChatRequest.invalidType(at + "." + field, "a string", value);
        }
        return text;
    }

    private static JsonObject requiredObject(JsonObject object, String field, String at)
            throws InvalidRequestException {
        Object value = object.getValue(field);
        if (value == null) {
            throw ChatRequest.missing(at + "." + field);
        }
        if (!(value instanceof JsonObject nested)) {
            throw ChatRequest.invalidType(at + "." + field, "an object", value);
        }
        return nested;
    }

    static InvalidRequestException tooLong(String field, int max, int size) {
        return new InvalidRequestException("Invalid '" + field + "': array too long. Expected an array with maximum "
                + "length " + max + ", but got an array with length " + size + " instead.", field,
                "array_above_max_length");
    }

    private static InvalidRequestException invalidValue(String param, String value, List<String> supported) {
        return new InvalidRequestException("Invalid value: '" + value + "'. Supported values are: "
                + String.join(", ", supported.stream().map(v -> "'" + v + "'").toList()) + ".", param,
                "invalid_value");
    }

    /** A number as the API writes it: {@code 3}, not {@code 3.0}; {@code Infinity} for an overflowing exponent. */
    private static String plain(Number number) {
        double d = number.doubleValue();
        if (Double.isInfinite(d) || Double.isNaN(d)) {
            return String.valueOf(d);
        }
        return (number instanceof BigDecimal big ? big : new BigDecimal(number.toString())).stripTrailingZeros()
                .toPlainString();
    }

    private static String plain(double d) {
        return plain((Number) d);
    }
}
