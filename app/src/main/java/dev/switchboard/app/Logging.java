package dev.switchboard.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/** The process's logging: {@code global.logging.level} at start-up and on reload, and the final flush on exit. */
final class Logging {

    private Logging() {
    }

    /** The level of Switchboard's own loggers now (to put back after a command lowered it). */
    static String currentLevel() {
        return LoggerFactory.getLogger("dev.switchboard") instanceof Logger logger && logger.getLevel() != null
                ? logger.getLevel().toString() : "INFO";
    }

    static void applyLevel(String level) {
        if (LoggerFactory.getLogger("dev.switchboard") instanceof Logger logger) {
            logger.setLevel(Level.toLevel(level, Level.INFO));
        }
    }

    /**
     * Writes out what the async appender still holds and stops logging. Called last on shutdown: the appender's
     * thread is a daemon, so lines still queued when the JVM exits would otherwise be lost.
     */
    static void flushAndStop() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
    }
}
