package jp.kyoso.posts.imports;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jp.kyoso.platform.security.CurrentMember;
import jp.kyoso.posts.member.MemberDirectory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "imports", description = "過去のやり取りの取り込み / Importing history from another platform")
class ImportController {
    private final ThreadImports imports;
    private final MemberDirectory members;

    ImportController(ThreadImports imports, MemberDirectory members) {
        this.imports = imports;
        this.members = members;
    }

    @PostMapping("/api/moderation/imports")
    @Operation(operationId = "importThreads",
            summary = "過去のスレッドを取り込む（管理者）。同じ source と externalId は一度だけ / "
                    + "Import threads from another platform's history (admins); each source and externalId once")
    @PreAuthorize("hasRole('ADMIN')")
    public ImportResult importThreads(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody ImportRequest request) {
        CurrentMember admin = CurrentMember.of(jwt);
        members.requireActive(admin);
        return imports.importThreads(request, admin.id());
    }
}
