package jp.kyoso.members.handover;

import java.util.List;

/** The handovers a member gave (as the leaver) and received (as the successor), newest first. */
public record HandoverLists(List<HandoverView> given, List<HandoverView> received) {
}
