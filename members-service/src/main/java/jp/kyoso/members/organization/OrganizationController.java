package jp.kyoso.members.organization;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import jp.kyoso.members.Messages;
import jp.kyoso.members.support.InputProblems;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The code list, searchable without an account: the registration form offers 「沖縄県 久米島町」 while someone types
 * 久米島 (or くめじま), before they have a token. It answers only public reference data.
 */
@RestController
@Tag(name = "organizations", description = "自治体・団体コード / Municipalities and their codes")
class OrganizationController {
    private static final int DEFAULT_LIMIT = 10;
    private static final int MAX_LIMIT = 20;
    private static final int MAX_TEXT = 50;

    private final Municipalities municipalities;

    OrganizationController(Municipalities municipalities) {
        this.municipalities = municipalities;
    }

    record OrganizationSuggestions(List<OrganizationSuggestion> items) {
    }

    @GetMapping("/api/organizations")
    @Operation(operationId = "searchOrganizations", summary = "自治体・都道府県を名前か読みで探す（登録フォームの候補） / "
            + "Find municipalities and prefectures by name or reading (registration form suggestions)")
    OrganizationSuggestions search(@RequestParam(required = false) String q,
                                   @RequestParam(required = false) Integer limit) {
        String text = q == null ? "" : q.strip();
        if (text.isEmpty() || text.length() > MAX_TEXT) {
            throw InputProblems.malformed("q", Messages.get("organization.search.q-length"));
        }
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw InputProblems.malformed("limit", Messages.get("organization.search.limit-out-of-range"));
        }
        return new OrganizationSuggestions(municipalities.search(text, size).stream()
                .map(OrganizationSuggestion::of).toList());
    }
}
