package jp.kyoso.members.handover;

import java.util.Objects;
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
        StringBuilder body = new StringBuilder("はじめまして、").append(successor.displayName()).append("です。");
        if (predecessorName != null) {
            body.append(predecessorName).append("さんの後任として、");
        }
        body.append(job).append("の仕事を引き継ぎました。");
        if (predecessorName != null && !Objects.equals(predecessor.organization(), position.organization())) {
            body.append("（").append(predecessorName).append("さんは現在").append(predecessor.organization())
                    .append("にいらっしゃいます。）");
        }
        body.append("\n\n前任の方が残してくれた質問や議論を読みながら進めています。同じテーマに取り組んでいる方、")
                .append("以前この仕事を担当されていた方、どうぞよろしくお願いします。");
        return new HandoverView.IntroductionDraft("introductions", "INTRODUCTION", job + "を引き継ぎました",
                body.toString());
    }
}
