package dev.switchboard.proxy.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A request body read as one JSON object, with limits, and an error that says what is wrong with it: nesting deeper
 * than the configured depth, a number or string past Jackson's limits, invalid UTF-8, a control character in a
 * string (a raw NUL), or a document that is not an object. The messages carry a position, never the body's text.
 */
public final class JsonBody {

    /** One reader per configured depth: the depth is read from the config, so there are one or two. */
    private static final Map<Integer, ObjectReader> READERS = new ConcurrentHashMap<>();

    private JsonBody() {
    }

    /** A body that is not a JSON object within the limits; the message is safe to show and to log. */
    public static final class InvalidJsonException extends Exception {
        InvalidJsonException(String message) {
            super(message);
        }
    }

    /**
     * @param bytes    the body
     * @param maxDepth the deepest nesting of objects and arrays accepted
     * @param setting  the config key of {@code maxDepth}, named in the error
     */
    public static JsonObject parse(Buffer bytes, int maxDepth, String setting) throws InvalidJsonException {
        if (bytes == null || bytes.length() == 0) {
            throw new InvalidJsonException("the request body is empty; it must be a JSON object");
        }
        Object value;
        try {
            value = READERS.computeIfAbsent(maxDepth, JsonBody::reader).readValue(bytes.getBytes());
        } catch (StreamConstraintsException e) {
            throw new InvalidJsonException(constraint(e, maxDepth, setting));
        } catch (JsonProcessingException e) {
            // Jackson names the source in nested locations even when it hides it: keep the position only.
            throw new InvalidJsonException("the request body is not valid JSON: " + e.getOriginalMessage()
                    .replaceAll("\\[Source: [^;\\]]*; ([^\\]]*)\\]", "$1").replaceAll("\\s+", " ")
                    + at(e.getLocation()));
        } catch (IOException e) {
            throw new InvalidJsonException("the request body could not be read as JSON");
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new InvalidJsonException("the request body must be a JSON object, got " + TypeNames.of(value));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) map;
        return new JsonObject(object);
    }

    private static String constraint(StreamConstraintsException e, int maxDepth, String setting) {
        String message = e.getOriginalMessage();
        if (message.contains("nesting depth")) {
            return "the request body nests objects and arrays deeper than " + maxDepth + " levels (" + setting + ")";
        }
        if (message.contains("Number value length")) {
            return "the request body holds a number longer than "
                    + StreamReadConstraints.DEFAULT_MAX_NUM_LEN + " digits";
        }
        if (message.contains("String value length")) {
            return "the request body holds a string longer than "
                    + StreamReadConstraints.DEFAULT_MAX_STRING_LEN + " characters";
        }
        return "the request body exceeds a JSON parsing limit";
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static ObjectReader reader(int maxDepth) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).build())
                // Never the body in a location: it is the client's prompt.
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
        return JsonMapper.builder(factory).build().readerFor(Object.class);
    }
}
