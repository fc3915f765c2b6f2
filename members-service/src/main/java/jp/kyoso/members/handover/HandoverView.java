package jp.kyoso.members.handover;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import jp.kyoso.members.member.PositionView;

/**
 * One handover as one of its two sides sees it. {@code successor.email} (masked) is shown to the leaver only;
 * {@code introductionDraft} to the successor only.
 */
public record HandoverView(String id, Party predecessor, Party successor, HandoverStatus status, PositionView position,
                           String note, Instant namedAt, Instant boundAt,
                           @JsonInclude(JsonInclude.Include.NON_NULL) IntroductionDraft introductionDraft) {

    /** A side of the handover; {@code organization} is where that person works now. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Party(String id, String displayName, String organization, String email) {
    }

    /** A first post for the successor to edit and publish in the introductions channel. */
    public record IntroductionDraft(String channel, String kind, String title, String body) {
    }
}
