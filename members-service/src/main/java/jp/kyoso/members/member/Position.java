package jp.kyoso.members.member;

/**
 * One position a member held (or holds): where, and from when to when. {@code from} and {@code to} are JST dates as
 * {@code YYYY-MM-DD} (both days included); {@code to} is null for the current position.
 */
public record Position(String organization, String organizationCode, String department, String from, String to) {

    public Position closedOn(String lastDay) {
        return new Position(organization, organizationCode, department, from, lastDay);
    }
}
