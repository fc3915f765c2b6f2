package jp.kyoso.members.position;

import java.time.LocalDate;

/**
 * Someone who held a position at the organization asked about and has left it: where they worked there, when, and
 * where they are now, so that a newcomer can ask the person who handled the topic before.
 */
record PastHolder(String memberId, String displayName, String handle, String organization, String organizationCode,
                  String department, LocalDate from, LocalDate to, Current current) {

    record Current(String organization, String organizationCode, String department) {
    }
}
