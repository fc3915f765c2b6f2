package jp.kyoso.members.nudge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.kyoso.members.member.Member;
import jp.kyoso.members.member.MemberEvents;
import jp.kyoso.members.member.MemberStatus;
import jp.kyoso.members.member.Members;
import jp.kyoso.members.support.Times;
import jp.kyoso.platform.outbox.Outbox;
import jp.kyoso.platform.outbox.OutboxRelay;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Sends nudges: for each member one conditional update that both claims the nudge ({@code lastNudgedAt} older than
 * the minimum interval, or none) and writes the {@code SendNudge} command into the member's outbox. Two moderators
 * clicking at once both try it; the condition lets only one of them through, so the member gets one nudge.
 */
@Service
class NudgeService {
    enum SkipReason { RECENTLY_NUDGED, HAS_POSTED, NOT_FOUND }

    record Skipped(String memberId, SkipReason reason) {
    }

    record Result(List<String> sent, List<Skipped> skipped) {
    }

    private final MongoTemplate mongo;
    private final Members members;
    private final OutboxRelay relay;
    private final NudgeProperties properties;

    NudgeService(MongoTemplate mongo, Members members, OutboxRelay relay, NudgeProperties properties) {
        this.mongo = mongo;
        this.members = members;
        this.relay = relay;
        this.properties = properties;
    }

    Result nudge(List<String> memberIds, String title, String body, String sentBy) {
        List<String> sent = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        Instant now = Times.now();
        Instant nudgeableBefore = now.minus(properties.minInterval());
        for (String memberId : new LinkedHashSet<>(memberIds)) {
            Update update = Outbox.append(new Update().set("lastNudgedAt", now).min("firstNudgedAt", now),
                    MemberEvents.sendNudge(UUID.randomUUID().toString(), memberId, title, body, sentBy, now));
            if (mongo.updateFirst(nudgeable(memberId, nudgeableBefore), update, Member.class).getModifiedCount() == 1) {
                sent.add(memberId);
            } else {
                skipped.add(new Skipped(memberId, whyNot(memberId)));
            }
        }
        if (!sent.isEmpty()) {
            relay.wakeUp();
        }
        return new Result(sent, skipped);
    }

    private static Query nudgeable(String memberId, Instant nudgeableBefore) {
        return Query.query(new Criteria().andOperator(
                Criteria.where("_id").is(memberId),
                Criteria.where("status").is(MemberStatus.ACTIVE),
                Criteria.where("firstPostedAt").exists(false),
                new Criteria().orOperator(Criteria.where("lastNudgedAt").exists(false),
                        Criteria.where("lastNudgedAt").lte(nudgeableBefore))));
    }

    /** Read after the refused update: which of its conditions the member did not meet. */
    private SkipReason whyNot(String memberId) {
        Optional<Member> member = members.byId(memberId).filter(Member::isActive);
        if (member.isEmpty()) {
            return SkipReason.NOT_FOUND;
        }
        return member.get().firstPostedAt() != null ? SkipReason.HAS_POSTED : SkipReason.RECENTLY_NUDGED;
    }
}
