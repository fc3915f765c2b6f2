package jp.kyoso.members.funnel;

import java.time.Instant;
import org.springframework.data.annotation.Id;

/**
 * The part of a member document the funnel reads: who they are for the grouping, when they registered and verified,
 * their milestones, and their first nudge. Read with a field projection, never written.
 */
record FunnelRow(@Id String id, String email, String organizationCode, String prefecture, Instant registeredAt,
                 Instant activatedAt, Milestones funnel, Instant firstNudgedAt) {

    FunnelRow {
        funnel = funnel == null ? Milestones.NONE : funnel;
    }

    record Milestones(Instant firstIntroductionAt, Instant firstQuestionOrIdeaAt, Instant firstReplyToOthersAt,
                      Instant firstReplyReceivedAt, Instant firstPostAt, Boolean attendedSession) {
        static final Milestones NONE = new Milestones(null, null, null, null, null, null);

        boolean attended() {
            return Boolean.TRUE.equals(attendedSession);
        }
    }
}
