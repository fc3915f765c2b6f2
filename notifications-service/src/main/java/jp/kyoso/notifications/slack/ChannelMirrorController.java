package jp.kyoso.notifications.slack;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import jp.kyoso.notifications.subscription.ChannelSlug;
import jp.kyoso.platform.security.CurrentMember;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Moderators mirror a channel's new posts to an organisation's Slack channel. */
@RestController
@Tag(name = "moderation", description = "運営（モデレーター） / Moderators")
@RequestMapping("/api/notifications/channel-mirrors")
@PreAuthorize("hasAnyRole('MODERATOR', 'ADMIN')")
class ChannelMirrorController {
    private final ChannelMirrorStore store;
    private final WebhookUrls webhookUrls;

    ChannelMirrorController(ChannelMirrorStore store, WebhookUrls webhookUrls) {
        this.store = store;
        this.webhookUrls = webhookUrls;
    }

    @GetMapping
    @Operation(operationId = "listChannelMirrors", summary = "Slack へのチャンネル転送一覧 / Channels mirrored to Slack")
    List<MirrorView> list() {
        return store.all().stream().map(d -> new MirrorView(d.getString("_id"),
                WebhookUrls.mask(store.webhookOf(d)), d.getString("updatedBy"),
                d.get("updatedAt") instanceof Date date ? date.toInstant() : null)).toList();
    }

    @PutMapping("/{slug}")
    @Operation(operationId = "putChannelMirror", summary = "チャンネルを Slack に転送する / Mirror a channel to a Slack webhook")
    MirrorView put(@AuthenticationPrincipal Jwt jwt, @PathVariable String slug,
                   @Valid @RequestBody MirrorRequest request) {
        ChannelSlug.checked(slug);
        String url = webhookUrls.check("slackWebhookUrl", request.slackWebhookUrl());
        String by = CurrentMember.of(jwt).id();
        store.put(slug, url, by);
        return new MirrorView(slug, WebhookUrls.mask(url), by, Instant.now());
    }

    @DeleteMapping("/{slug}")
    @Operation(operationId = "deleteChannelMirror", summary = "Slack への転送をやめる / Stop mirroring a channel")
    ResponseEntity<Void> delete(@PathVariable String slug) {
        ChannelSlug.checked(slug);
        store.remove(slug);
        return ResponseEntity.noContent().build();
    }

    record MirrorRequest(@NotBlank(message = "{slack.mirror.webhook-required}")
                         String slackWebhookUrl) {
    }

    /** The webhook URL is a credential: once stored it is only shown masked. */
    record MirrorView(
            String channel,
            @io.swagger.v3.oas.annotations.media.Schema(example = "https://hooks.slack.com/…wxyz",
                    description = "転送先の Slack Webhook URL（マスク済み） / The Slack webhook URL, masked")
            String slackWebhookUrl,
            String updatedBy,
            Instant updatedAt) {
    }
}
