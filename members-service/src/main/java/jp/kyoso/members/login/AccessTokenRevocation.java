package jp.kyoso.members.login;

import java.time.Instant;
import jp.kyoso.members.member.Member;
import jp.kyoso.members.member.MemberEvents;
import jp.kyoso.members.member.TokenRevocationReason;
import jp.kyoso.members.support.Times;
import jp.kyoso.platform.outbox.Outbox;
import jp.kyoso.platform.outbox.OutboxRelay;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Logging out everywhere also ends the access tokens already out there: {@code tokensNotBefore} (which this service
 * checks on every request) and {@code MemberTokensRevoked} (which the other services and the gateway follow), in one
 * single-document update of the member.
 */
@Component
class AccessTokenRevocation {
    private final MongoTemplate mongo;
    private final OutboxRelay relay;

    AccessTokenRevocation(MongoTemplate mongo, OutboxRelay relay) {
        this.mongo = mongo;
        this.relay = relay;
    }

    void revokeAllOf(String memberId) {
        Instant now = Times.now();
        Update update = Outbox.append(new Update().set(Member.TOKENS_NOT_BEFORE, now).set("updatedAt", now),
                MemberEvents.tokensRevoked(memberId, now, TokenRevocationReason.LOGGED_OUT_EVERYWHERE));
        if (mongo.updateFirst(Query.query(Criteria.where("_id").is(memberId)), update, Member.class)
                .getModifiedCount() == 1) {
            relay.wakeUp();
        }
    }
}
