package dev.switchboard.contracts.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads durations as people write them in YAML and on the command line: {@code 500ms}, {@code 2s}, {@code 1.5m},
 * {@code 1h}, {@code 7d}. A bare number is rejected because its unit would be a guess.
 */
public final class DurationParser extends StdScalarDeserializer<Duration> {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");

    DurationParser() {
        super(Duration.class);
    }

    /** The duration, or an {@link IllegalArgumentException} naming the expected form. */
    public static Duration parse(String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a duration such as 500ms, 2s, 1m, 1h or 7d, got '" + text
                    + "'");
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        long millisPerUnit = switch (m.group(2)) {
            case "ms" -> 1L;
            case "s" -> 1_000L;
            case "m" -> 60_000L;
            case "h" -> 3_600_000L;
            default -> 86_400_000L;
        };
        return Duration.ofMillis(amount.multiply(BigDecimal.valueOf(millisPerUnit)).longValue());
    }

    @Override
    public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            return (Duration) context.handleUnexpectedToken(Duration.class, parser.currentToken(), parser,
                    "expected a duration such as 500ms, 2s, 1m, 1h or 7d, got %s", parser.getText());
        }
        try {
            return parse(parser.getText());
        } catch (IllegalArgumentException e) {
            return (Duration) context.handleWeirdStringValue(Duration.class, parser.getText(), e.getMessage());
        }
    }
}
