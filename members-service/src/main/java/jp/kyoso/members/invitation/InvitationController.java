package jp.kyoso.members.invitation;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import jp.kyoso.members.Messages;
import jp.kyoso.members.directory.Page;
import jp.kyoso.members.support.EmailAddresses;
import jp.kyoso.members.support.PageCursor;
import jp.kyoso.members.support.Times;
import jp.kyoso.platform.web.ApiProblem;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import jp.kyoso.platform.security.CurrentMember;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "members", description = "プロフィールと名簿 / Profiles and directory")
class InvitationController {
    private final Invitations invitations;
    private final MongoTemplate mongo;

    InvitationController(Invitations invitations, MongoTemplate mongo) {
        this.invitations = invitations;
        this.mongo = mongo;
    }

    record InvitationRequest(
            @Size(max = 254, message = "{email.too-long}")
            @Pattern(regexp = "[^@\\s]+@[^@\\s]+", message = "{email.malformed}")
            String email,
            @Size(max = 500, message = "{invitation.note.too-long}")
            String note) {
    }

    @PostMapping("/api/members/invitations")
    @Operation(operationId = "createInvitation",
            summary = "招待コードを発行する（モデレーター） / Create an invitation code (moderators)")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('MODERATOR', 'ADMIN')")
    Invitations.Created create(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody(required = false) InvitationRequest request) {
        InvitationRequest body = request == null ? new InvitationRequest(null, null) : request;
        String email = body.email() == null || body.email().isBlank() ? null : EmailAddresses.normalize(body.email());
        return invitations.create(email, body.note(), CurrentMember.of(jwt).id());
    }

    @GetMapping("/api/members/invitations")
    @Operation(operationId = "listInvitations",
            summary = "招待の一覧（新しい順、モデレーター） / List invitations, newest first (moderators)")
    @PreAuthorize("hasAnyRole('MODERATOR', 'ADMIN')")
    Page<InvitationView> list(@RequestParam(required = false) Integer limit,
                              @RequestParam(required = false) String cursor) {
        int pageSize = PageCursor.pageSize(limit);
        Criteria criteria = new Criteria();
        if (cursor != null && !cursor.isBlank()) {
            PageCursor before = PageCursor.decode(cursor);
            criteria = new Criteria().orOperator(Criteria.where("createdAt").lt(before.at()),
                    new Criteria().andOperator(Criteria.where("createdAt").is(before.at()),
                            Criteria.where("_id").lt(before.id())));
        }
        List<Invitation> found = mongo.find(Query.query(criteria)
                .with(Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("_id"))).limit(pageSize + 1),
                Invitation.class);
        boolean more = found.size() > pageSize;
        List<Invitation> page = more ? found.subList(0, pageSize) : found;
        String next = more ? new PageCursor(page.get(page.size() - 1).createdAt(), page.get(page.size() - 1).id())
                .encode() : null;
        var now = Times.now();
        List<InvitationView> items = new ArrayList<>();
        page.forEach(invitation -> items.add(InvitationView.of(invitation, now)));
        return new Page<>(items, next);
    }

    @DeleteMapping("/api/members/invitations/{id}")
    @Operation(operationId = "revokeInvitation",
            summary = "招待を取り消す（モデレーター） / Revoke an invitation (moderators)")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAnyRole('MODERATOR', 'ADMIN')")
    void revoke(@PathVariable String id) {
        if (!invitations.revoke(id)) {
            throw ApiProblem.notFound(Messages.get("invitation.not-found"));
        }
    }
}
