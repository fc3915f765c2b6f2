package jp.kyoso.posts.unanswered;

import java.time.LocalDate;
import java.util.List;

/** Oldest week first, every week present (zeros and nulls for a week without questions or answers). */
public record AnswerTimesView(List<Week> weeks) {

    /** @param weekStart the Monday (in Japan) the week starts on, {@code 2026-11-23} */
    public record Week(LocalDate weekStart, int questions, int answered, Double medianHours, Double p90Hours) {
    }
}
