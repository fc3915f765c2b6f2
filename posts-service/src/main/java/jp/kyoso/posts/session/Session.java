package jp.kyoso.posts.session;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The structured part of a post of kind SESSION: when and where, how many places, and every member's RSVP.
 *
 * <p>The RSVPs live in the post's document, so that taking a place, the counts and the event that announces it are
 * one single-document update (the MongoDB-wire server has no transactions). Every such update is conditional on
 * {@code rsvpVersion} as it was read: of two members racing for the last place, one write matches and the other
 * reads again and finds the session full.
 *
 * @param goingCount    the RSVPs with status GOING, stored so that lists need not count
 * @param waitlistCount the RSVPs with status WAITLISTED
 */
public record Session(Instant startsAt, Instant endsAt, String place, String onlineUrl, String prefecture,
                      int capacity, int goingCount, int waitlistCount, List<Rsvp> rsvps, long rsvpVersion) {

    public static Session scheduled(SessionSchedule schedule) {
        return new Session(schedule.startsAt(), schedule.endsAt(), schedule.place(), schedule.onlineUrl(),
                schedule.prefecture(), schedule.capacity(), 0, 0, List.of(), 0);
    }

    public SessionSchedule schedule() {
        return new SessionSchedule(startsAt, endsAt, place, onlineUrl, prefecture, capacity);
    }

    public List<Rsvp> rsvpList() {
        return rsvps == null ? List.of() : rsvps;
    }

    public Optional<Rsvp> rsvpOf(String memberId) {
        return rsvpList().stream().filter(rsvp -> rsvp.memberId().equals(memberId)).findFirst();
    }

    /** 1 for the first in line; null unless the member is waitlisted. */
    public Integer waitlistPosition(String memberId) {
        int position = 0;
        for (Rsvp rsvp : rsvpList()) {
            if (rsvp.status() == RsvpStatus.WAITLISTED) {
                position++;
                if (rsvp.memberId().equals(memberId)) {
                    return position;
                }
            }
        }
        return null;
    }

    public boolean hasStarted(Instant now) {
        return !now.isBefore(startsAt);
    }

    /** Whether the reception desk is open: from {@code opensBefore} the start on (and after the start, for good). */
    public boolean checkInHasOpened(Instant now, Duration opensBefore) {
        return !now.isBefore(startsAt.minus(opensBefore));
    }

    /**
     * Gives free places (capacity above the members going) to the waitlisted members in the order they answered.
     *
     * @param promoted receives the ids of the members who became GOING
     * @return the RSVPs after the promotion
     */
    static List<Rsvp> promote(List<Rsvp> rsvps, int capacity, List<String> promoted) {
        long going = rsvps.stream().filter(rsvp -> rsvp.status() == RsvpStatus.GOING).count();
        List<Rsvp> result = new ArrayList<>(rsvps.size());
        for (Rsvp rsvp : rsvps) {
            if (rsvp.status() == RsvpStatus.WAITLISTED && going < capacity) {
                result.add(rsvp.withStatus(RsvpStatus.GOING));
                promoted.add(rsvp.memberId());
                going++;
            } else {
                result.add(rsvp);
            }
        }
        return result;
    }

    static int count(List<Rsvp> rsvps, RsvpStatus status) {
        return (int) rsvps.stream().filter(rsvp -> rsvp.status() == status).count();
    }
}
