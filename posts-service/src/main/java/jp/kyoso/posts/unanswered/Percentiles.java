package jp.kyoso.posts.unanswered;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Percentiles by linear interpolation between the closest ranks (as a spreadsheet's PERCENTILE.INC), so the median of
 * an even count is the mean of the middle two; rounded to a tenth, which is all a chart of hours shows.
 */
final class Percentiles {
    private Percentiles() {
    }

    /** @return null when there are no values */
    static Double of(List<Double> values, double fraction) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        double rank = fraction * (sorted.size() - 1);
        int lower = (int) Math.floor(rank);
        int upper = (int) Math.ceil(rank);
        double value = sorted.get(lower) + (sorted.get(upper) - sorted.get(lower)) * (rank - lower);
        return Math.round(value * 10) / 10d;
    }
}
