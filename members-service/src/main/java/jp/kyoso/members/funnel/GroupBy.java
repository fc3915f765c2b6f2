package jp.kyoso.members.funnel;

import java.util.Arrays;
import jp.kyoso.members.Messages;
import jp.kyoso.members.support.InputProblems;

/** How the funnel slices the members of its period. */
enum GroupBy {
    NONE("none"), PREFECTURE("prefecture"), ORGANIZATION_TYPE("organizationType"), ATTENDED_SESSION("attendedSession");

    private final String parameter;

    GroupBy(String parameter) {
        this.parameter = parameter;
    }

    static GroupBy parse(String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        return Arrays.stream(values()).filter(g -> g.parameter.equals(value.trim())).findFirst()
                .orElseThrow(() -> InputProblems.malformed("groupBy", Messages.get("funnel.group-by.unknown")));
    }
}
