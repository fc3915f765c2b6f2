package jp.kyoso.platform.observability.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LevelCheckingLogFactoryTest {
    private static final String NAME = "jp.kyoso.test.LevelChecking";

    private final Logger logback = (Logger) LoggerFactory.getLogger(NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent event) {
            event.getCallerData(); // the caller is read off the stack, so only while the event is being logged
            super.append(event);
        }
    };
    private final AtomicInteger rendered = new AtomicInteger();
    private final Object message = new Object() {
        @Override
        public String toString() {
            rendered.incrementAndGet();
            return "照合: 12 件のマッチャーを試しました";
        }
    };

    @BeforeEach
    void captureTheLogger() {
        appender.start();
        logback.addAppender(appender);
    }

    @AfterEach
    void releaseTheLogger() {
        logback.detachAppender(appender);
        logback.setLevel(null);
    }

    @Test
    void commonsLoggingFindsTheFactoryThroughItsServiceFile() {
        assertThat(LogFactory.getFactory()).isInstanceOf(LevelCheckingLogFactory.class);
        assertThat(LogFactory.getLog(NAME)).isInstanceOf(LevelCheckingLog.class);
    }

    @Test
    void aMessageBelowTheLevelIsNeitherRenderedNorLogged() {
        logback.setLevel(Level.INFO);
        Log log = LogFactory.getLog(NAME);

        log.debug(message);
        log.trace(message, new IllegalStateException("unused"));

        assertThat(rendered).hasValue(0);
        assertThat(appender.list).isEmpty();
    }

    @Test
    void aMessageAtItsLevelIsLoggedOnceWithItsFailureAndTheCallersLocation() {
        logback.setLevel(Level.DEBUG);
        Log log = LogFactory.getLog(NAME);

        log.debug(message, new IllegalStateException("boom"));
        log.fatal("止まりました");

        assertThat(rendered).hasValue(1);
        assertThat(appender.list).extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
                .containsExactly(tuple(Level.DEBUG, "照合: 12 件のマッチャーを試しました"), tuple(Level.ERROR, "止まりました"));
        assertThat(appender.list.get(0).getThrowableProxy().getMessage()).isEqualTo("boom");
        assertThat(appender.list.get(0).getCallerData()[0].getClassName())
                .isEqualTo(LevelCheckingLogFactoryTest.class.getName());
    }
}
