package dev.switchboard.contracts.config;

/**
 * One thing wrong with a config file.
 *
 * @param path    YAML path, e.g. {@code routing.decisions[0].modelRefs[2].model}; empty for the whole file
 * @param message what is wrong and what is expected
 */
public record ConfigProblem(String path, String message) {

    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
