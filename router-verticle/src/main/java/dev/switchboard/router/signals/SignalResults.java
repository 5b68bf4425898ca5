package dev.switchboard.router.signals;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * The signal rules that matched one request, with a confidence each in [0, 1], keyed by condition type and rule
 * name ({@code keyword:code_keywords}). A rule that did not match is absent.
 */
public record SignalResults(Map<String, Double> matched) {

    /** No rule matched (or none was evaluated). */
    public static final SignalResults NONE = new SignalResults(Map.of());

    public SignalResults {
        matched = Map.copyOf(matched);
    }

    public static String key(String type, String name) {
        return type + ":" + name;
    }

    /** The confidence of the named rule if it matched. */
    public OptionalDouble confidence(String type, String name) {
        Double value = matched.get(key(type, name));
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }
}
