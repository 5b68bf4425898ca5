package dev.switchboard.contracts.config;

import java.util.List;
import java.util.stream.Collectors;

/** A config file that cannot be used, with every problem found in it. */
public final class ConfigException extends Exception {

    private final String source;
    private final transient List<ConfigProblem> problems;

    public ConfigException(String source, List<ConfigProblem> problems) {
        super(describe(source, problems));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** The file (or other source) that was read. */
    public String source() {
        return source;
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String describe(String source, List<ConfigProblem> problems) {
        String prefix = source + ": " + problems.size() + (problems.size() == 1 ? " error" : " errors");
        return problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n  ", prefix + "\n  ", ""));
    }
}
