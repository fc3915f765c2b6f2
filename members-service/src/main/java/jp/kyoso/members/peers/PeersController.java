package jp.kyoso.members.peers;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jp.kyoso.members.Messages;
import jp.kyoso.members.support.InputProblems;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "members", description = "プロフィールと名簿 / Profiles and directory")
class PeersController {
    private static final int DEFAULT_RADIUS_KM = 150;
    private static final int MAX_RADIUS_KM = 500;
    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 50;

    private final PeerTownsFinder finder;

    PeersController(PeerTownsFinder finder) {
        this.finder = finder;
    }

    @GetMapping("/api/members/peers")
    @Operation(operationId = "listPeerTowns", summary = "自分の団体と同じ種類の近い自治体とそのメンバー（近い順） / "
            + "Towns like mine: nearby municipalities of the same kind and their members, nearest first")
    PeerTowns peers(@AuthenticationPrincipal Jwt jwt,
                    @Parameter(description = "1〜500 km（既定 150） / 1..500 km (default 150)")
                    @RequestParam(required = false) Integer withinKm,
                    @Parameter(description = "自治体の数 1〜50（既定 20） / number of municipalities, 1..50 (default 20)")
                    @RequestParam(required = false) Integer limit) {
        int radius = withinKm == null ? DEFAULT_RADIUS_KM : withinKm;
        if (radius < 1 || radius > MAX_RADIUS_KM) {
            throw InputProblems.malformed("withinKm", Messages.get("peers.within-km.out-of-range"));
        }
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw InputProblems.malformed("limit", Messages.get("peers.limit-out-of-range"));
        }
        return finder.peersOf(jwt.getSubject(), radius, size);
    }
}
