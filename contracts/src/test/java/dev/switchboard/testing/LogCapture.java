package dev.switchboard.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * Collects the log events of Switchboard's loggers during a test. Shared by every module's tests through the
 * contracts test-jar, so that a test can assert what an operator would read (and what must never be there).
 */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    /** Switchboard's own loggers. */
    public LogCapture() {
        this("dev.switchboard");
    }

    private LogCapture(String loggerName) {
        logger = (Logger) LoggerFactory.getLogger(loggerName);
        appender.start();
        logger.addAppender(appender);
    }

    /** Every logger of the process: Vert.x, Netty and Kafka too, at the levels the configuration lets through. */
    public static LogCapture everything() {
        return new LogCapture(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    /** Each event as an operator could read it: message, key-value pairs, arguments and any exception chain. */
    public List<String> rendered() {
        return events().stream().map(LogCapture::render).toList();
    }

    private static String render(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
        if (event.getKeyValuePairs() != null) {
            event.getKeyValuePairs().forEach(p -> text.append(' ').append(p.key).append('=').append(p.value));
        }
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            text.append(" caused by ").append(t.getClassName()).append(": ").append(t.getMessage());
        }
        return text.toString();
    }

    /** The {@code msg} of every event so far, in order. */
    public List<String> messages() {
        return events().stream().map(ILoggingEvent::getMessage).toList();
    }

    /** The key-value pairs of every event with this {@code msg}. */
    public List<Map<String, Object>> withMessage(String msg) {
        return events().stream().filter(e -> msg.equals(e.getMessage()))
                .map(e -> e.getKeyValuePairs() == null ? Map.<String, Object>of() : e.getKeyValuePairs().stream()
                        .collect(Collectors.toMap(p -> p.key, p -> String.valueOf(p.value), (a, b) -> b)))
                .map(m -> (Map<String, Object>) m)
                .toList();
    }

    /** Every event so far, in order. */
    public List<ILoggingEvent> events() {
        synchronized (appender.list) {
            return List.copyOf(appender.list);
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
    }

}
