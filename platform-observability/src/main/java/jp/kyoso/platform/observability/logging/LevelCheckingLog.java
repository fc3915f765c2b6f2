package jp.kyoso.platform.observability.logging;

import org.apache.commons.logging.Log;
import org.slf4j.Logger;
import org.slf4j.spi.LocationAwareLogger;

/**
 * A Commons Logging {@link Log} over an SLF4J logger that turns the message into text only when its level is on.
 * With a location-aware logger (Logback) it names itself as the logging class, so a pattern with the caller's class or
 * line still shows the code that logged, not this adapter.
 */
final class LevelCheckingLog implements Log {
    private static final String ADAPTER = LevelCheckingLog.class.getName();

    private final Logger logger;

    private LevelCheckingLog(Logger logger) {
        this.logger = logger;
    }

    static Log of(Logger logger) {
        return new LevelCheckingLog(logger);
    }

    @Override
    public boolean isTraceEnabled() {
        return logger.isTraceEnabled();
    }

    @Override
    public boolean isDebugEnabled() {
        return logger.isDebugEnabled();
    }

    @Override
    public boolean isInfoEnabled() {
        return logger.isInfoEnabled();
    }

    @Override
    public boolean isWarnEnabled() {
        return logger.isWarnEnabled();
    }

    @Override
    public boolean isErrorEnabled() {
        return logger.isErrorEnabled();
    }

    @Override
    public boolean isFatalEnabled() {
        return logger.isErrorEnabled();
    }

    @Override
    public void trace(Object message) {
        trace(message, null);
    }

    @Override
    public void trace(Object message, Throwable failure) {
        if (logger.isTraceEnabled()) {
            log(LocationAwareLogger.TRACE_INT, message, failure);
        }
    }

    @Override
    public void debug(Object message) {
        debug(message, null);
    }

    @Override
    public void debug(Object message, Throwable failure) {
        if (logger.isDebugEnabled()) {
            log(LocationAwareLogger.DEBUG_INT, message, failure);
        }
    }

    @Override
    public void info(Object message) {
        info(message, null);
    }

    @Override
    public void info(Object message, Throwable failure) {
        if (logger.isInfoEnabled()) {
            log(LocationAwareLogger.INFO_INT, message, failure);
        }
    }

    @Override
    public void warn(Object message) {
        warn(message, null);
    }

    @Override
    public void warn(Object message, Throwable failure) {
        if (logger.isWarnEnabled()) {
            log(LocationAwareLogger.WARN_INT, message, failure);
        }
    }

    @Override
    public void error(Object message) {
        error(message, null);
    }

    @Override
    public void error(Object message, Throwable failure) {
        if (logger.isErrorEnabled()) {
            log(LocationAwareLogger.ERROR_INT, message, failure);
        }
    }

    @Override
    public void fatal(Object message) {
        error(message, null);
    }

    @Override
    public void fatal(Object message, Throwable failure) {
        error(message, failure);
    }

    private void log(int level, Object message, Throwable failure) {
        String text = String.valueOf(message);
        if (logger instanceof LocationAwareLogger located) {
            located.log(null, ADAPTER, level, text, null, failure);
            return;
        }
        switch (level) {
            case LocationAwareLogger.TRACE_INT -> logger.trace(text, failure);
            case LocationAwareLogger.DEBUG_INT -> logger.debug(text, failure);
            case LocationAwareLogger.INFO_INT -> logger.info(text, failure);
            case LocationAwareLogger.WARN_INT -> logger.warn(text, failure);
            default -> logger.error(text, failure);
        }
    }
}
