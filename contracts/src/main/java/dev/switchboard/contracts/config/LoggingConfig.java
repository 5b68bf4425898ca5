package dev.switchboard.contracts.config;

/**
 * {@code global.logging}. Logs are JSON lines; prompts, responses and keys are never logged at any level.
 *
 * @param level {@code error}, {@code warn}, {@code info} (default), {@code debug} or {@code trace}
 */
public record LoggingConfig(String level) {

    public LoggingConfig {
        level = level == null ? "info" : level;
    }
}
