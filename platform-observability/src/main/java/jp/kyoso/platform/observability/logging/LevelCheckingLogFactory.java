package jp.kyoso.platform.observability.logging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.slf4j.LoggerFactory;

/**
 * The Commons Logging factory of every Kyoso process (found through {@code META-INF/services}), so that Spring's and
 * Spring Security's lazy debug messages stay lazy.
 * <p>
 * Spring Framework 7 logs through Apache Commons Logging 1.3, whose SLF4J adapter renders the message
 * ({@code String.valueOf}) before SLF4J checks the level (spring-framework#37266; still so in 1.4.0). Spring Security's
 * request matchers build a {@code LogMessage} naming every matcher at DEBUG on each request, so the gateway formatted
 * and threw away several long strings per request: 3-6 % of its CPU samples and most of its allocated bytes in a
 * profile. {@link LevelCheckingLog} asks the level first, as spring-jcl's adapter did before Spring Framework 7.
 */
public class LevelCheckingLogFactory extends LogFactory {
    private final Map<String, Log> logs = new ConcurrentHashMap<>();
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();

    @Override
    public Log getInstance(Class<?> clazz) {
        return getInstance(clazz.getName());
    }

    @Override
    public Log getInstance(String name) {
        return logs.computeIfAbsent(name, logger -> LevelCheckingLog.of(LoggerFactory.getLogger(logger)));
    }

    @Override
    public Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public String[] getAttributeNames() {
        return attributes.keySet().toArray(String[]::new);
    }

    @Override
    public void setAttribute(String name, Object value) {
        if (value == null) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
    }

    @Override
    public void removeAttribute(String name) {
        attributes.remove(name);
    }

    @Override
    public void release() {
        logs.clear();
    }
}
