package dev.switchboard.proxy.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A request body read as one JSON object, with limits, and an error that says what is wrong with it: nesting deeper
 * than the configured depth, a number or string past Jackson's limits, invalid UTF-8 (overlong forms and encoded
 * surrogates included, which Jackson's decoder lets through), a control character in a string (a raw NUL), anything
 * after the object, or a document that is not an object. The messages carry a position, never the body's text.
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
        byte[] raw = bytes.getBytes();
        try {
            value = READERS.computeIfAbsent(maxDepth, JsonBody::reader).readValue(raw);
        } catch (StreamConstraintsException e) {
            throw new InvalidJsonException(constraint(e, maxDepth, setting));
        } catch (JsonProcessingException e) {
            // Jackson names the source in nested locations even when it hides it: keep the position only.
            if (e.getOriginalMessage().startsWith("Trailing token")) {
                throw new InvalidJsonException("the request body is not valid JSON: more content after the JSON "
                        + "object" + at(e.getLocation()));
            }
            throw new InvalidJsonException("the request body is not valid JSON: " + e.getOriginalMessage()
                    .replaceAll("\\[Source: [^;\\]]*; ([^\\]]*)\\]", "$1").replaceAll("\\s+", " ")
                    + at(e.getLocation()));
        } catch (IOException e) {
            throw new InvalidJsonException("the request body could not be read as JSON");
        }
        int invalid = firstInvalidUtf8(raw);
        if (invalid >= 0) {
            throw new InvalidJsonException("the request body is not valid JSON: Invalid UTF-8 byte sequence at byte "
                    + invalid);
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

    /**
     * The offset of the first byte that does not belong to a well-formed UTF-8 sequence (RFC 3629: no overlong forms,
     * no encoded surrogates, nothing past U+10FFFF), or -1. Jackson has already refused most of what is invalid; what
     * it lets through (an overlong {@code C0 AF} read as {@code /}) is the classic way past a text filter, and the
     * OpenAI API refuses it.
     */
    static int firstInvalidUtf8(byte[] bytes) {
        int i = 0;
        while (i < bytes.length) {
            int b = bytes[i] & 0xff;
            if (b < 0x80) {
                i++;
                continue;
            }
            int length;
            int min;
            if (b >= 0xc2 && b <= 0xdf) {
                length = 2;
                min = 0x80;
            } else if (b >= 0xe0 && b <= 0xef) {
                length = 3;
                min = 0x800;
            } else if (b >= 0xf0 && b <= 0xf4) {
                length = 4;
                min = 0x10000;
            } else {
                return i;
            }
            if (i + length > bytes.length) {
                return i;
            }
            int code = b & (0xff >> (length + 1));
            for (int k = 1; k < length; k++) {
                int next = bytes[i + k] & 0xff;
                if ((next & 0xc0) != 0x80) {
                    return i;
                }
                code = (code << 6) | (next & 0x3f);
            }
            if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
                return i;
            }
            i += length;
        }
        return -1;
    }

    private static ObjectReader reader(int maxDepth) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).build())
                // Never the body in a location: it is the client's prompt.
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
        // A second document or stray bytes after the object are an error, as for the OpenAI API, not ignored.
        return JsonMapper.builder(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build()
                .readerFor(Object.class);
    }
}
