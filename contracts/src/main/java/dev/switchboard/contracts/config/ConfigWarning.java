package dev.switchboard.contracts.config;

/**
 * A known feature of the reference format that Switchboard does not support yet and ignores. Logged once at start-up
 * and at every reload.
 *
 * @param path    YAML path of the ignored field
 * @param message what is ignored and what to do instead
 */
public record ConfigWarning(String path, String message) {

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
