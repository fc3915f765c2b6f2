package jp.kyoso.posts.citation;

import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param staleAfter how old the newest date among a post's citations may be before the post shows
 *                   「情報が古い可能性があります」 ({@code kyoso.knowledge.stale-after}: {@code P2Y} unless set; {@code 730d}
 *                   and {@code 18m} work too)
 */
@ConfigurationProperties("kyoso.knowledge")
public record KnowledgeProperties(Period staleAfter) {
    public KnowledgeProperties {
        staleAfter = staleAfter == null ? Period.ofYears(2) : staleAfter;
        if (staleAfter.isNegative() || staleAfter.isZero()) {
            throw new IllegalArgumentException("kyoso.knowledge.stale-after must be positive: " + staleAfter);
        }
    }
}
