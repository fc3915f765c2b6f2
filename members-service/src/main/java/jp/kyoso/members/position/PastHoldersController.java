package jp.kyoso.members.position;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jp.kyoso.members.Messages;
import jp.kyoso.members.directory.Page;
import jp.kyoso.members.organization.OrganizationCode;
import jp.kyoso.members.support.InputProblems;
import jp.kyoso.members.support.PageCursor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Signed-in members only (like the directory: every {@code /api/**} path needs a token). Query parameters that are
 * malformed are 400, as the directory's are.
 */
@RestController
@Tag(name = "positions", description = "人事異動と前所属 / Staff rotation and past positions")
class PastHoldersController {
    private static final int MAX_TEXT = 100;

    private final PastHolders pastHolders;

    PastHoldersController(PastHolders pastHolders) {
        this.pastHolders = pastHolders;
    }

    @GetMapping("/api/members/past-holders")
    @Operation(operationId = "listPastHolders", summary = "この団体で以前この仕事をしていた人（異動済み、新しい順） / "
            + "Members who held a position at this organization before, most recently ended first")
    Page<PastHolder> list(@RequestParam(required = false) String organizationCode,
                          @RequestParam(required = false) String organization,
                          @RequestParam(required = false) String department,
                          @RequestParam(required = false) Integer limit,
                          @RequestParam(required = false) String cursor) {
        int pageSize = PageCursor.pageSize(limit);
        String code = blankToNull(organizationCode);
        String name = text("organization", organization);
        if (code == null && name == null) {
            throw InputProblems.malformed("organizationCode",
                    Messages.get("position.past-holders.organization-missing"));
        }
        if (code != null && !OrganizationCode.isValid(code)) {
            throw InputProblems.malformed("organizationCode", Messages.get("position.past-holders.code-invalid"));
        }
        PastHolderCursor after = blankToNull(cursor) == null ? null : PastHolderCursor.decode(cursor);
        return pastHolders.find(code, code == null ? name : null, text("department", department), after, pageSize);
    }

    private static String text(String field, String value) {
        String trimmed = blankToNull(value);
        if (trimmed != null && trimmed.length() > MAX_TEXT) {
            throw InputProblems.malformed(field, Messages.get("input.text-too-long", field));
        }
        return trimmed;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
