package dev.switchboard.contracts.config;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The problems and warnings of one config file, each with its YAML path, and the small checks that find them. The
 * validator checks the sections with a view of the whole file; an algorithm plugin gets a view scoped to its block
 * ({@link #at}), so that its messages name the full path ({@code routing.decisions[0].algorithm.knn.k}) without the
 * plugin knowing where its block is. Each check adds at most one problem and never throws.
 */
public final class ConfigChecks {

    private final String prefix;
    private final List<ConfigProblem> problems;
    private final List<ConfigWarning> warnings;

    ConfigChecks(List<ConfigProblem> problems, List<ConfigWarning> warnings) {
        this("", problems, warnings);
    }

    private ConfigChecks(String prefix, List<ConfigProblem> problems, List<ConfigWarning> warnings) {
        this.prefix = prefix;
        this.problems = problems;
        this.warnings = warnings;
    }

    /** A view whose paths are relative to {@code path}: a field name, a dotted path or an index ({@code [2]}). */
    public ConfigChecks at(String path) {
        return new ConfigChecks(path(path), problems, warnings);
    }

    /** The full YAML path of {@code field} in this view; the view's own path for an empty field. */
    public String path(String field) {
        if (field.isEmpty()) {
            return prefix;
        }
        if (prefix.isEmpty()) {
            return field;
        }
        return field.startsWith("[") ? prefix + field : prefix + "." + field;
    }

    public void error(String field, String message) {
        problems.add(new ConfigProblem(path(field), message));
    }

    /** A setting that is accepted but has no effect, or a feature of the reference that is approximated. */
    public void warn(String field, String message) {
        warnings.add(new ConfigWarning(path(field), message));
    }

    /** False (with a problem) when the text is missing or blank. */
    public boolean required(String field, String value) {
        if (value == null || value.isBlank()) {
            error(field, "missing; a non-empty string is required");
            return false;
        }
        return true;
    }

    /** The rules' names, with a problem for an empty entry, a missing name and a name used twice. */
    public <T> Set<String> ruleNames(String field, List<T> rules, Function<T, String> name) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            T rule = rules.get(i);
            if (rule == null) {
                error(field + "[" + i + "]", "empty entry; expected a rule with a name");
            } else if (required(field + "[" + i + "].name", name.apply(rule)) && !names.add(name.apply(rule))) {
                error(field + "[" + i + "].name", "duplicate rule name '" + name.apply(rule) + "'");
            }
        }
        return names;
    }

    public void nonEmpty(String field, Collection<?> values) {
        if (values.isEmpty()) {
            error(field, "must not be empty");
        }
    }

    /** False (with a problem) when the value is set and not one of {@code allowed}. */
    public boolean oneOf(String field, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            error(field, "unknown value '" + value + "'; expected one of " + allowed);
            return false;
        }
        return true;
    }

    public void inRange(String field, Number value, double min, double max) {
        if (value != null && (value.doubleValue() < min || value.doubleValue() > max)) {
            error(field, "must be between " + format(min) + " and " + format(max) + ", got " + value);
        }
    }

    public void nonNegative(String field, Number value) {
        if (value != null && value.doubleValue() < 0) {
            error(field, "must not be negative, got " + value);
        }
    }

    public void positive(String field, Number value) {
        if (value != null && value.doubleValue() <= 0) {
            error(field, "must be positive, got " + value);
        }
    }

    public void positiveDuration(String field, Duration value) {
        if (value != null && (value.isZero() || value.isNegative())) {
            error(field, "must be positive, got " + value);
        }
    }

    /** Weights by name: none negative, and at least one positive. */
    public void weights(String field, Map<String, Double> weights) {
        ConfigChecks block = at(field);
        weights.forEach(block::nonNegative);
        double sum = weights.values().stream().mapToDouble(v -> Math.max(0, v)).sum();
        if (sum <= 0) {
            error(field, "at least one weight must be positive");
        }
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
