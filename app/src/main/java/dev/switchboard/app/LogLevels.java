package dev.switchboard.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Applies {@code global.logging.level} to Switchboard's own loggers, at start-up and on reload. */
final class LogLevels {

    private LogLevels() {
    }

    static void apply(String level) {
        if (LoggerFactory.getLogger("dev.switchboard") instanceof Logger logger) {
            logger.setLevel(Level.toLevel(level, Level.INFO));
        }
    }
}
