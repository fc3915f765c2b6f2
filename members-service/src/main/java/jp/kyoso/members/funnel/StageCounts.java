package jp.kyoso.members.funnel;

import java.util.Collection;
import java.util.List;

/** How many members reached each stage of the funnel; the stages need not be passed in order. */
record StageCounts(long registered, long verified, long introduced, long askedOrProposed, long repliedToOthers,
                   long receivedReply) {

    static final List<String> STAGES = List.of("registered", "verified", "introduced", "askedOrProposed",
            "repliedToOthers", "receivedReply");

    static StageCounts of(Collection<FunnelRow> rows) {
        return new StageCounts(rows.size(),
                rows.stream().filter(r -> r.activatedAt() != null).count(),
                rows.stream().filter(r -> r.funnel().firstIntroductionAt() != null).count(),
                rows.stream().filter(r -> r.funnel().firstQuestionOrIdeaAt() != null).count(),
                rows.stream().filter(r -> r.funnel().firstReplyToOthersAt() != null).count(),
                rows.stream().filter(r -> r.funnel().firstReplyReceivedAt() != null).count());
    }

    /** In the order of {@link #STAGES}. */
    List<Long> inOrder() {
        return List.of(registered, verified, introduced, askedOrProposed, repliedToOthers, receivedReply);
    }
}
