package jp.kyoso.members.directory;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import jp.kyoso.members.Messages;
import jp.kyoso.members.member.Member;
import jp.kyoso.members.member.MemberStatus;
import jp.kyoso.members.organization.Municipalities;
import jp.kyoso.members.organization.Municipality;
import jp.kyoso.members.organization.OrganizationKind;
import jp.kyoso.members.organization.OrganizationTypes;
import jp.kyoso.members.organization.Prefectures;
import jp.kyoso.members.profile.PublicProfile;
import jp.kyoso.members.support.InputProblems;
import jp.kyoso.platform.security.CurrentMember;
import jp.kyoso.platform.web.ApiProblem;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The member directory: active members only, newest first. {@code q} matches handle, display name and organization,
 * {@code organization} and {@code interest} filter (case-insensitively; organization as a part of the name, interest
 * as a whole tag), {@code neverPosted=true} (moderators) lists members who have neither posted nor replied yet.
 * {@code kind} (村, 町, 市, 特別区, 政令市, 都道府県, 国) and {@code near}/{@code withinKm} filter by the organization's
 * code (the {@link Municipalities} catalogue); with {@code near} the order is nearest town hall first.
 */
@RestController
@Tag(name = "members", description = "プロフィールと名簿 / Profiles and directory")
class DirectoryController {
    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 100;
    private static final int MAX_TEXT = 100;

    private static final int DEFAULT_RADIUS_KM = 50;
    private static final int MAX_RADIUS_KM = 500;

    private final MongoTemplate mongo;
    private final Municipalities municipalities;
    private final OrganizationTypes organizationTypes;
    private final NearbyMembers nearby;

    DirectoryController(MongoTemplate mongo, Municipalities municipalities, OrganizationTypes organizationTypes,
                        NearbyMembers nearby) {
        this.mongo = mongo;
        this.municipalities = municipalities;
        this.organizationTypes = organizationTypes;
        this.nearby = nearby;
    }

    @GetMapping("/api/members")
    @Operation(operationId = "listMembers", summary = "メンバーを探す（新しい順。near を指定すると近い順） / "
            + "Search the member directory, newest first (nearest first with near)")
    Page<DirectoryItem> search(@AuthenticationPrincipal Jwt jwt,
                               @RequestParam(required = false) String q,
                               @RequestParam(required = false) String prefecture,
                               @RequestParam(required = false) String organization,
                               @RequestParam(required = false) String interest,
                               @Parameter(description = "団体の種類 / kind of body: 村, 町, 市, 特別区, 政令市, 都道府県, 国")
                               @RequestParam(required = false) String kind,
                               @Parameter(description = "この団体コードの役所から withinKm 以内（近い順） / "
                                       + "within withinKm of this municipality's town hall, nearest first")
                               @RequestParam(required = false) String near,
                               @Parameter(description = "1〜500 km（near と一緒に。既定 50） / 1..500 km, with near "
                                       + "(default 50)")
                               @RequestParam(required = false) Integer withinKm,
                               @RequestParam(required = false) Boolean neverPosted,
                               @RequestParam(required = false) Integer limit,
                               @RequestParam(required = false) String cursor) {
        int pageSize = limit == null ? DEFAULT_LIMIT : limit;
        if (pageSize < 1 || pageSize > MAX_LIMIT) {
            throw InputProblems.malformed("limit", Messages.get("paging.limit-out-of-range"));
        }
        if (Boolean.TRUE.equals(neverPosted) && !CurrentMember.of(jwt).isModerator()) {
            throw ApiProblem.forbidden(Messages.get("directory.never-posted.forbidden"));
        }
        List<Criteria> conditions = new ArrayList<>();
        conditions.add(Criteria.where("status").is(MemberStatus.ACTIVE));
        if (hasText(q)) {
            Pattern contains = containsIgnoringCase(text("q", q));
            conditions.add(new Criteria().orOperator(Criteria.where("handle").regex(contains),
                    Criteria.where("displayName").regex(contains), Criteria.where("organization").regex(contains)));
        }
        if (hasText(prefecture)) {
            if (!Prefectures.isValid(prefecture.trim())) {
                throw InputProblems.malformed("prefecture", Messages.get("directory.prefecture-unknown"));
            }
            conditions.add(Criteria.where("prefecture").is(prefecture.trim()));
        }
        if (hasText(organization)) {
            conditions.add(Criteria.where("organization").regex(containsIgnoringCase(text("organization", organization))));
        }
        if (hasText(interest)) {
            conditions.add(Criteria.where("interests").regex(Pattern.compile(
                    "^" + escaped(text("interest", interest)) + "$", Pattern.CASE_INSENSITIVE)));
        }
        if (Boolean.TRUE.equals(neverPosted)) {
            conditions.add(Criteria.where("firstPostedAt").exists(false));
        }
        OrganizationKind wantedKind = kind(kind);
        if (wantedKind == OrganizationKind.NATIONAL) {
            // as OrganizationTypes takes them: members who gave no code
            conditions.add(Criteria.where("organizationCode").is(null));
        } else if (wantedKind != null) {
            conditions.add(Criteria.where("organizationCode").in(municipalities.codesOfKind(wantedKind)));
        }
        Municipality centre = near(near);
        int radius = withinKm(withinKm, centre);
        if (centre != null) {
            return nearby.page(conditions, centre, radius, pageSize, hasText(cursor) ? cursor.trim() : null,
                    this::kindOf);
        }
        if (hasText(cursor)) {
            DirectoryCursor after = DirectoryCursor.decode(cursor.trim());
            conditions.add(new Criteria().orOperator(Criteria.where("activatedAt").lt(after.activatedAt()),
                    new Criteria().andOperator(Criteria.where("activatedAt").is(after.activatedAt()),
                            Criteria.where("_id").lt(after.id()))));
        }
        Query query = Query.query(new Criteria().andOperator(conditions))
                .with(Sort.by(Sort.Order.desc("activatedAt"), Sort.Order.desc("_id")))
                .limit(pageSize + 1);
        List<Member> found = mongo.find(query, Member.class);
        boolean more = found.size() > pageSize;
        List<Member> page = more ? found.subList(0, pageSize) : found;
        String next = null;
        if (more) {
            Member last = page.get(page.size() - 1);
            next = new DirectoryCursor(last.activatedAt(), last.id()).encode();
        }
        return new Page<>(page.stream().map(m -> new DirectoryItem(PublicProfile.of(m), kindOf(m), null)).toList(),
                next);
    }

    private String kindOf(Member member) {
        OrganizationKind kind = organizationTypes.kindOf(member.organizationCode());
        return kind == null ? null : kind.label();
    }

    private static OrganizationKind kind(String kind) {
        if (!hasText(kind)) {
            return null;
        }
        return OrganizationKind.ofLabel(kind.trim()).orElseThrow(() -> InputProblems.malformed("kind",
                Messages.get("directory.kind.unknown", OrganizationKind.LABELS)));
    }

    private Municipality near(String near) {
        if (!hasText(near)) {
            return null;
        }
        return municipalities.byCode(near.trim()).orElseThrow(() -> InputProblems.malformed("near",
                Messages.get("directory.near.unknown")));
    }

    private static int withinKm(Integer withinKm, Municipality centre) {
        if (withinKm == null) {
            return DEFAULT_RADIUS_KM;
        }
        if (centre == null) {
            throw InputProblems.malformed("withinKm", Messages.get("directory.within-km.without-near"));
        }
        if (withinKm < 1 || withinKm > MAX_RADIUS_KM) {
            throw InputProblems.malformed("withinKm", Messages.get("directory.within-km.out-of-range"));
        }
        return withinKm;
    }

    private static Pattern containsIgnoringCase(String text) {
        return Pattern.compile(escaped(text), Pattern.CASE_INSENSITIVE);
    }

    /**
     * User input is matched literally: every ASCII punctuation character is escaped, which both Java's and MongoDB's
     * (PCRE) regular expressions read as the character itself.
     */
    static String escaped(String text) {
        StringBuilder builder = new StringBuilder(text.length() * 2);
        for (char c : text.toCharArray()) {
            if (c < 128 && !Character.isLetterOrDigit(c) && c != ' ' && c != '_') {
                builder.append('\\');
            }
            builder.append(c);
        }
        return builder.toString();
    }

    private static String text(String name, String value) {
        String trimmed = value.trim();
        if (trimmed.length() > MAX_TEXT) {
            throw InputProblems.malformed(name, Messages.get("input.text-too-long", name));
        }
        return trimmed;
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
