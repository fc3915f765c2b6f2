package jp.kyoso.posts.citation;

import java.time.Clock;
import org.springframework.stereotype.Component;

/** Installs this process's {@link KnowledgeAge}: the configured age and the clock the rules depend on. */
@Component
class KnowledgeAgeSetup {
    KnowledgeAgeSetup(KnowledgeProperties properties, Clock clock) {
        KnowledgeAge.install(new KnowledgeAge(properties.staleAfter(), clock));
    }
}
