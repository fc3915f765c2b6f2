package jp.kyoso.members.funnel;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import jp.kyoso.members.Messages;
import jp.kyoso.members.member.Member;
import jp.kyoso.members.organization.OrganizationType;
import jp.kyoso.members.organization.OrganizationTypes;
import jp.kyoso.members.organization.Prefectures;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Computes the funnel by reading the members who registered in the period (one indexed range query with a field
 * projection) and counting in memory: the whole membership is in the order of 15,000, so even a year's registrations
 * fit comfortably, and the groups, cohorts and median need no second read model to keep in step.
 */
@Service
class FunnelService {
    private static final String UNKNOWN = "unknown";

    private final MongoTemplate mongo;
    private final OrganizationTypes organizationTypes;

    FunnelService(MongoTemplate mongo, OrganizationTypes organizationTypes) {
        this.mongo = mongo;
        this.organizationTypes = organizationTypes;
    }

    FunnelReport report(FunnelPeriod period, GroupBy groupBy) {
        Query query = Query.query(Criteria.where("registeredAt").gte(period.startInclusive())
                .lt(period.endExclusive())).with(Sort.by("registeredAt"));
        query.fields().include("email", "organizationCode", "prefecture", "registeredAt", "activatedAt", "funnel",
                "firstNudgedAt");
        List<FunnelRow> rows = mongo.find(query, FunnelRow.class, Member.COLLECTION);
        return new FunnelReport(period.from(), period.to(), StageCounts.STAGES, groups(rows, groupBy),
                medianHoursToFirstPost(rows), cohorts(rows), nudges(rows));
    }

    private List<FunnelReport.Group> groups(List<FunnelRow> rows, GroupBy groupBy) {
        return switch (groupBy) {
            case NONE -> List.of(new FunnelReport.Group("all", Messages.get("funnel.group.all"), StageCounts.of(rows)));
            case PREFECTURE -> byPrefecture(rows);
            case ORGANIZATION_TYPE -> byOrganizationType(rows);
            case ATTENDED_SESSION -> byAttendance(rows);
        };
    }

    /** Only prefectures with members in the period (47 rows of zeros would bury the few that matter), JIS order. */
    private static List<FunnelReport.Group> byPrefecture(List<FunnelRow> rows) {
        Map<String, List<FunnelRow>> byPrefecture = rows.stream().collect(Collectors.groupingBy(
                r -> r.prefecture() == null || !Prefectures.isValid(r.prefecture()) ? UNKNOWN : r.prefecture()));
        List<FunnelReport.Group> groups = new ArrayList<>();
        for (String prefecture : Prefectures.ALL) {
            if (byPrefecture.containsKey(prefecture)) {
                groups.add(new FunnelReport.Group(prefecture, prefecture,
                        StageCounts.of(byPrefecture.get(prefecture))));
            }
        }
        if (byPrefecture.containsKey(UNKNOWN)) {
            groups.add(new FunnelReport.Group(UNKNOWN, Messages.get("funnel.group.unknown-prefecture"),
                    StageCounts.of(byPrefecture.get(UNKNOWN))));
        }
        return groups;
    }

    /** Every type, also those without members: a fixed set of seven keeps charts comparable between periods. */
    private List<FunnelReport.Group> byOrganizationType(List<FunnelRow> rows) {
        Map<OrganizationType, List<FunnelRow>> byType = rows.stream().collect(Collectors.groupingBy(
                r -> organizationTypes.of(r.organizationCode(), r.email())));
        List<FunnelReport.Group> groups = new ArrayList<>();
        for (OrganizationType type : OrganizationType.values()) {
            groups.add(new FunnelReport.Group(type.name(), type.label(),
                    StageCounts.of(byType.getOrDefault(type, List.of()))));
        }
        return groups;
    }

    private static List<FunnelReport.Group> byAttendance(List<FunnelRow> rows) {
        Map<Boolean, List<FunnelRow>> attended = rows.stream().collect(Collectors.partitioningBy(
                r -> r.funnel().attended()));
        return List.of(new FunnelReport.Group("true", Messages.get("funnel.group.attended-session"),
                        StageCounts.of(attended.get(true))),
                new FunnelReport.Group("false", Messages.get("funnel.group.no-session"),
                        StageCounts.of(attended.get(false))));
    }

    private static Double medianHoursToFirstPost(List<FunnelRow> rows) {
        List<Double> hours = rows.stream().filter(r -> r.funnel().firstPostAt() != null)
                .map(r -> Math.max(0, Duration.between(r.registeredAt(), r.funnel().firstPostAt()).toMillis())
                        / 3_600_000.0)
                .sorted().toList();
        if (hours.isEmpty()) {
            return null;
        }
        int middle = hours.size() / 2;
        double median = hours.size() % 2 == 1 ? hours.get(middle) : (hours.get(middle - 1) + hours.get(middle)) / 2;
        return Math.round(median * 10) / 10.0;
    }

    private static List<FunnelReport.Cohort> cohorts(List<FunnelRow> rows) {
        Map<LocalDate, List<FunnelRow>> byWeek = rows.stream().collect(Collectors.groupingBy(
                FunnelService::weekStart, TreeMap::new, Collectors.toList()));
        return byWeek.entrySet().stream()
                .map(week -> new FunnelReport.Cohort(week.getKey(), StageCounts.of(week.getValue()))).toList();
    }

    private static LocalDate weekStart(FunnelRow row) {
        return row.registeredAt().atZone(FunnelPeriod.JST).toLocalDate()
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private static FunnelReport.Nudges nudges(List<FunnelRow> rows) {
        List<FunnelRow> nudged = rows.stream().filter(r -> r.firstNudgedAt() != null).toList();
        long posted = nudged.stream().filter(r -> r.funnel().firstPostAt() != null
                && r.funnel().firstPostAt().isAfter(r.firstNudgedAt())).count();
        return new FunnelReport.Nudges(nudged.size(), posted);
    }
}
