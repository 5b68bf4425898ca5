package dev.switchboard.contracts.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A token count written as a number or with a {@code K} (thousand) or {@code M} (million) suffix, as the reference
 * writes context ranges ({@code min_tokens: 32K}).
 *
 * @param value the count
 */
public record TokenCount(long value) {

    private static final Pattern WITH_SUFFIX = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kKmM]?)");

    public TokenCount {
        if (value < 0) {
            throw new IllegalArgumentException("a token count must not be negative, got " + value);
        }
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static TokenCount parse(Object raw) {
        if (raw instanceof Integer || raw instanceof Long) {
            return new TokenCount(((Number) raw).longValue());
        }
        if (raw instanceof String text) {
            Matcher m = WITH_SUFFIX.matcher(text.strip());
            if (m.matches()) {
                double number = Double.parseDouble(m.group(1));
                long scale = switch (m.group(2).toUpperCase(Locale.ROOT)) {
                    case "K" -> 1_000L;
                    case "M" -> 1_000_000L;
                    default -> 1L;
                };
                return new TokenCount(Math.round(number * scale));
            }
        }
        throw new IllegalArgumentException("expected a token count such as 4096, 32K or 1M, got '" + raw + "'");
    }

    @JsonValue
    long json() {
        return value;
    }
}
