package jp.kyoso.posts.town;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import jp.kyoso.posts.Messages;
import jp.kyoso.posts.post.PostFields;
import jp.kyoso.posts.shared.BadRequest;
import org.springframework.data.mongodb.core.query.Criteria;

/**
 * 「同じような町」: the {@code organizationCodes} of a list or a search, the 全国地方公共団体コード of the towns whose
 * staff wrote or solved the posts wanted (the web client passes the {@code peerCodes} of members-service's
 * {@code GET /api/members/peers}). A post is theirs when its author wrote it from one of them
 * ({@code organizationCodeAtPosting}), or when the reply chosen as its answer was written from one of them
 * ({@code answer.organizationCodeAtPosting}): who solved the same problem includes who answered it.
 *
 * @param codes distinct, in the order given
 */
public record OrganizationCodes(List<String> codes) {
    public static final String PARAMETER = "organizationCodes";
    public static final int MAX = 50;
    /** The parameter's description in the API docs (lists and search). */
    public static final String DESCRIPTION = "同じような町: カンマ区切りの全国地方公共団体コード（6 桁、50 件まで）。"
            + "その町から投稿されたもの、またはその町からの回答で解決した質問だけ / Towns like mine: comma-separated "
            + "6-digit local government codes (at most 50); only posts written from one of them, or questions solved "
            + "by an answer written from one of them";
    private static final Pattern CODE = Pattern.compile("[0-9]{6}");

    /**
     * @param raw the parameter as given: comma-separated codes (spaces around them are ignored); null when absent
     * @return null when absent (no filter)
     * @throws jp.kyoso.platform.web.ApiProblem 400 naming {@code organizationCodes} for an empty list, a code that is
     *                                          not 6 digits, or more than {@value #MAX} codes
     */
    public static OrganizationCodes parse(String raw) {
        if (raw == null) {
            return null;
        }
        Set<String> codes = new LinkedHashSet<>();
        for (String part : raw.split(",", -1)) {
            String code = part.strip();
            if (!CODE.matcher(code).matches()) {
                throw BadRequest.field(PARAMETER, Messages.get("town.codes.invalid"));
            }
            codes.add(code);
        }
        if (codes.size() > MAX) {
            throw BadRequest.field(PARAMETER, Messages.get("town.codes.too-many", String.valueOf(MAX)));
        }
        return new OrganizationCodes(List.copyOf(codes));
    }

    /**
     * Adds "written from one of the towns, or solved by an answer written from one of them" to the criteria, inside
     * {@code $and} so that it can sit beside another {@code $or} of the same query (the keyset cursor's).
     */
    public Criteria addTo(Criteria criteria) {
        return criteria.andOperator(new Criteria().orOperator(
                Criteria.where(PostFields.ORGANIZATION_CODE_AT_POSTING).in(codes),
                Criteria.where(PostFields.ANSWER_ORGANIZATION_CODE_AT_POSTING).in(codes)));
    }
}
