package jp.kyoso.notifications.preference;

import java.util.List;
import jp.kyoso.notifications.store.Indexes;
import org.bson.Document;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/** The index of {@code preferences} (everything else is by the member's id). */
@Component
class PreferenceIndexes implements InitializingBean {
    private final Indexes indexes;

    PreferenceIndexes(Indexes indexes) {
        this.indexes = indexes;
    }

    @Override
    public void afterPropertiesSet() {
        // digestMembers(): {email: DAILY_DIGEST} -> _id, lastDigestDay, read from the index alone
        indexes.ensure(PreferenceStore.COLLECTION, new Document("email", 1).append("lastDigestDay", 1).append("_id", 1),
                Indexes.named("preferences_digest"));
        indexes.dropObsolete(PreferenceStore.COLLECTION, List.of("email_1"));
    }
}
