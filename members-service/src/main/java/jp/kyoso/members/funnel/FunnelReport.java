package jp.kyoso.members.funnel;

import java.time.LocalDate;
import java.util.List;

/** The answer of {@code GET /api/members/funnel}: the six stages per group, weekly cohorts, time to first post, nudges. */
record FunnelReport(LocalDate from, LocalDate to, List<String> stages, List<Group> groups,
                    Double medianHoursToFirstPost, List<Cohort> cohorts, Nudges nudges) {

    record Group(String key, String label, StageCounts counts) {
    }

    /** The members who registered in the week (Monday to Sunday, JST) starting on {@code weekStart}. */
    record Cohort(LocalDate weekStart, StageCounts counts) {
    }

    /** @param postedAfterNudge the nudged members whose first post came after their first nudge */
    record Nudges(long nudged, long postedAfterNudge) {
    }
}
