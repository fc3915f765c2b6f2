package jp.kyoso.notifications.fanout;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param chunkSize recipients per bulk write (and per preferences lookup) */
@ConfigurationProperties("kyoso.fanout")
public record FanOutProperties(Integer chunkSize) {
    public FanOutProperties {
        chunkSize = chunkSize == null ? 5000 : chunkSize;
    }
}
