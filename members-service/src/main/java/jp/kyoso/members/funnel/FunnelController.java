package jp.kyoso.members.funnel;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "members", description = "プロフィールと名簿 / Profiles and directory")
class FunnelController {
    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final FunnelService funnel;

    FunnelController(FunnelService funnel) {
        this.funnel = funnel;
    }

    @GetMapping("/api/members/funnel")
    @Operation(operationId = "getActivationFunnel",
            summary = "活動ファネル（モデレーター） / Activation funnel of the members registered in a period (moderators)")
    @PreAuthorize("hasAnyRole('MODERATOR', 'ADMIN')")
    FunnelReport report(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                        @RequestParam(required = false) String groupBy) {
        return funnel.report(FunnelPeriod.parse(from, to), GroupBy.parse(groupBy));
    }

    @GetMapping("/api/members/funnel.csv")
    @Operation(operationId = "downloadActivationFunnelCsv",
            summary = "活動ファネルをCSVで（モデレーター） / Activation funnel as CSV for Excel (moderators)")
    @PreAuthorize("hasAnyRole('MODERATOR', 'ADMIN')")
    ResponseEntity<byte[]> csv(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                               @RequestParam(required = false) String groupBy) {
        FunnelReport report = funnel.report(FunnelPeriod.parse(from, to), GroupBy.parse(groupBy));
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(FunnelCsv.fileName(report)).build().toString())
                .body(FunnelCsv.of(report));
    }
}
