package jp.kyoso.posts.session;

import java.time.Instant;

/** What a moderator sets of a session: its time, place and capacity (the RSVPs are the members'). */
public record SessionSchedule(Instant startsAt, Instant endsAt, String place, String onlineUrl, String prefecture,
                              int capacity) {
}
