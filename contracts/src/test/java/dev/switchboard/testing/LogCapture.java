package dev.switchboard.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
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

    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.switchboard");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    public LogCapture() {
        appender.start();
        logger.addAppender(appender);
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
