package jp.kyoso.posts.handover;

import java.util.List;

/**
 * A page of a handover's threads, with the period they were taken from ({@code to} null: up to now, the job is
 * still the leaver's as far as this service knows).
 */
public record HandoverThreadsPage(String handoverId, String from, String to, List<HandoverThread> items,
                                  String nextCursor) {
}
