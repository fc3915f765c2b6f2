package jp.kyoso.posts.unanswered;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import jp.kyoso.posts.post.PostFields;
import jp.kyoso.posts.post.PostKind;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The time from a question to its first reply by someone other than its author, per week of asking (weeks start on
 * Monday in Japan, where the members work): how many were asked, how many got an answer, and the median and 90th
 * percentile of the answered ones' waits in hours. Deleted questions do not count; a question answered after a week
 * ended still counts in the week it was asked.
 */
@Service
class AnswerTimes {
    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private final MongoTemplate mongo;
    private final Clock clock;

    AnswerTimes(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    AnswerTimesView weeks(int count) {
        LocalDate thisWeek = LocalDate.now(clock.withZone(JAPAN)).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate first = thisWeek.minusWeeks(count - 1L);
        Instant from = first.atStartOfDay(JAPAN).toInstant();
        List<List<Double>> waits = new ArrayList<>();
        int[] questions = new int[count];
        for (int i = 0; i < count; i++) {
            waits.add(new ArrayList<>());
        }
        Query query = Query.query(Criteria.where(PostFields.KIND).is(PostKind.QUESTION.name())
                .and(PostFields.DELETED).is(false).and(PostFields.CREATED_AT).gte(from));
        query.fields().include(PostFields.CREATED_AT).include(PostFields.FIRST_ANSWER_AT);
        for (Document question : mongo.find(query, Document.class, "posts")) {
            Instant asked = question.getDate(PostFields.CREATED_AT).toInstant();
            LocalDate askedDay = LocalDate.ofInstant(asked, JAPAN);
            int week = (int) (java.time.temporal.ChronoUnit.WEEKS.between(first, askedDay));
            if (week < 0 || week >= count) {
                continue;
            }
            questions[week]++;
            Date answered = question.getDate(PostFields.FIRST_ANSWER_AT);
            if (answered != null) {
                waits.get(week).add(Duration.between(asked, answered.toInstant()).toMillis() / 3_600_000d);
            }
        }
        List<AnswerTimesView.Week> result = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            List<Double> hours = waits.get(i);
            result.add(new AnswerTimesView.Week(first.plusWeeks(i), questions[i], hours.size(),
                    Percentiles.of(hours, 0.5), Percentiles.of(hours, 0.9)));
        }
        return new AnswerTimesView(result);
    }
}
