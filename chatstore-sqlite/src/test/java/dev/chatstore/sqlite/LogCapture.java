package dev.chatstore.sqlite;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * What chatstore's loggers log while a test runs, from {@code level} up (Logback's ListAppender on the
 * {@code dev.chatstore} logger, kept off the console meanwhile). Close it to restore the logger.
 */
final class LogCapture implements AutoCloseable {
    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.chatstore");
    private final Level previousLevel = logger.getLevel();
    private final boolean previousAdditive = logger.isAdditive();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    LogCapture(Level level) {
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(level);
        logger.setAdditive(false);
    }

    /** The events logged at {@code level}, each as {@code "<logger's simple name>: <message>"}. */
    List<String> lines(Level level) {
        return appender.list.stream().filter(e -> e.getLevel() == level)
                .map(e -> e.getLoggerName().substring(e.getLoggerName().lastIndexOf('.') + 1) + ": " + e.getFormattedMessage())
                .toList();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(previousLevel);
        logger.setAdditive(previousAdditive);
    }
}
