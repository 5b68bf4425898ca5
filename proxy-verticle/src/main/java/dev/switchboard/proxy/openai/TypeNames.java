package dev.switchboard.proxy.openai;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** A JSON value's type as the OpenAI API names it in its errors ("expected a string, but got an integer"). */
final class TypeNames {

    private TypeNames() {
    }

    static String of(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            return "a decimal";
        }
        if (value instanceof Number) {
            return "an integer";
        }
        if (value instanceof JsonArray || value instanceof List<?>) {
            return "an array";
        }
        if (value instanceof JsonObject || value instanceof Map<?, ?>) {
            return "an object";
        }
        return "a " + value.getClass().getSimpleName();
    }
}
