package jp.kyoso.members.handover;

import java.util.Objects;
import jp.kyoso.members.Messages;
import jp.kyoso.members.member.Member;
import jp.kyoso.members.member.Position;

/**
 * The first post a successor is offered: who they are, whose work they took over, and a request to the people who
 * worked on the same topics. A draft only: the successor edits and publishes it (posts-service), or not.
 */
final class IntroductionDrafts {
    private IntroductionDrafts() {
    }

    static HandoverView.IntroductionDraft draft(Member predecessor, Member successor, Position position) {
        if (successor == null || !successor.isActive()) {
            return null;
        }
        String job = position.organization() + (position.department() == null ? "" : " " + position.department());
        String predecessorName = predecessor == null || !predecessor.isActive() ? null : predecessor.displayName();
        StringBuilder body = new StringBuilder(Messages.get("handover.introduction.greeting", successor.displayName()));
        if (predecessorName != null) {
            body.append(Messages.get("handover.introduction.successor-of", predecessorName));
        }
        body.append(Messages.get("handover.introduction.took-over", job));
        if (predecessorName != null && !Objects.equals(predecessor.organization(), position.organization())) {
            body.append(Messages.get("handover.introduction.predecessor-now-at", predecessorName,
                    predecessor.organization()));
        }
        body.append("\n\n").append(Messages.get("handover.introduction.request"));
        return new HandoverView.IntroductionDraft("introductions", "INTRODUCTION",
                Messages.get("handover.introduction.title", job), body.toString());
    }
}
