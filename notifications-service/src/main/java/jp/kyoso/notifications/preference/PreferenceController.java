package jp.kyoso.notifications.preference;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import jp.kyoso.notifications.Messages;
import jp.kyoso.notifications.inbox.NotificationType;
import jp.kyoso.notifications.slack.SlackTestMessage;
import jp.kyoso.notifications.slack.TooManyTestMessages;
import jp.kyoso.notifications.slack.WebhookUrls;
import jp.kyoso.platform.security.CurrentMember;
import jp.kyoso.platform.web.ApiProblem;
import jp.kyoso.platform.web.ProblemResponses;
import jp.kyoso.platform.web.ProblemTexts;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's own settings. PUT replaces them: a field left out takes its default (mail at once, no Slack, every
 * type on), so the body always says the whole setting. The Slack webhook URL is a credential: once saved it is only
 * shown masked ({@link WebhookUrls#mask}), and a PUT or test that sends that masked form back means "the saved one".
 */
@RestController
@Tag(name = "preferences", description = "通知の設定と購読 / Preferences and subscriptions")
@RequestMapping("/api/notifications/preferences")
class PreferenceController {
    private final PreferenceStore store;
    private final WebhookUrls webhookUrls;
    private final SlackTestMessage slackTest;

    PreferenceController(PreferenceStore store, WebhookUrls webhookUrls, SlackTestMessage slackTest) {
        this.store = store;
        this.webhookUrls = webhookUrls;
        this.slackTest = slackTest;
    }

    @GetMapping
    @Operation(operationId = "getPreferences", summary = "通知の設定 / Own notification settings")
    PreferencesView get(@AuthenticationPrincipal Jwt jwt) {
        return PreferencesView.of(store.get(CurrentMember.of(jwt).id()));
    }

    @PutMapping
    @Operation(operationId = "putPreferences", summary = "通知の設定を置き換える / Replace own notification settings")
    PreferencesView put(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody PreferencesRequest request) {
        Map<NotificationType, Boolean> types = new EnumMap<>(NotificationType.class);
        List<ApiProblem.FieldProblem> errors = new ArrayList<>();
        if (request.types() != null) {
            String names = String.join(", ", NotificationType.SWITCHABLE.stream().map(Enum::name).toList());
            request.types().forEach((name, on) -> {
                NotificationType type = switchable(name);
                if (type == null) {
                    errors.add(new ApiProblem.FieldProblem("types." + name,
                            Messages.get("preference.types.unknown", names)));
                } else if (on == null) {
                    errors.add(new ApiProblem.FieldProblem("types." + name,
                            Messages.get("preference.types.not-boolean")));
                } else {
                    types.put(type, on);
                }
            });
        }
        if (!errors.isEmpty()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, ProblemTexts.invalidInput(),
                    ProblemTexts.invalidFields(), errors);
        }
        String memberId = CurrentMember.of(jwt).id();
        String given = request.slackWebhookUrl() == null || request.slackWebhookUrl().isBlank() ? null
                : request.slackWebhookUrl().strip();
        String saved = given == null ? null : store.get(memberId).slackWebhookUrl();
        // the settings page sends back what GET showed: the masked URL keeps the saved one
        String webhook = given == null ? null : WebhookUrls.isMaskOf(given, saved) ? saved
                : webhookUrls.check("slackWebhookUrl", given);
        Preferences preferences = new Preferences(
                request.email() == null ? EmailMode.INSTANT : EmailMode.valueOf(request.email()), webhook, types);
        store.put(memberId, preferences);
        return PreferencesView.of(preferences);
    }

    /**
     * Sends one test message to the webhook in the body, or to the saved one when the body has none (or its masked
     * form), and answers once
     * Slack has: {@code delivered: true}, or 422 with Slack's answer. The URL is checked exactly as PUT checks it.
     * A direct action of the member answered in this request, not an event-driven side effect: so it is sent here and
     * not through the outbox or the delivery queue.
     */
    @PostMapping("/slack-test")
    @Operation(operationId = "sendSlackTestMessage",
            summary = "Slack にテストメッセージを送る / Send a test message to a Slack webhook")
    SlackTestResult slackTest(@AuthenticationPrincipal Jwt jwt,
                              @RequestBody(required = false) SlackTestRequest request) {
        String memberId = CurrentMember.of(jwt).id();
        String given = request == null || request.slackWebhookUrl() == null || request.slackWebhookUrl().isBlank()
                ? null : request.slackWebhookUrl();
        String saved = store.get(memberId).slackWebhookUrl();
        String webhook = given != null && !WebhookUrls.isMaskOf(given.strip(), saved) ? given : saved;
        if (webhook == null) {
            String message = Messages.get("preference.slack-test.no-webhook");
            throw new ApiProblem(HttpStatus.BAD_REQUEST, ProblemTexts.invalidInput(), message,
                    List.of(new ApiProblem.FieldProblem("slackWebhookUrl", message)));
        }
        // a saved URL is checked again: the allowed prefixes may have changed since it was saved
        slackTest.send(memberId, webhookUrls.check("slackWebhookUrl", webhook));
        return new SlackTestResult(true);
    }

    @ExceptionHandler(TooManyTestMessages.class)
    ResponseEntity<ProblemDetail> tooManyTestMessages(TooManyTestMessages e) {
        long seconds = e.retryAfterSeconds();
        String detail = e.webhookBusy()
                ? Messages.get("preference.slack-test.webhook-busy", String.valueOf(seconds))
                : Messages.get("preference.slack-test.too-many", String.valueOf(seconds));
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.TOO_MANY_REQUESTS,
                ProblemTexts.title(HttpStatus.TOO_MANY_REQUESTS), detail, null);
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static NotificationType switchable(String name) {
        for (NotificationType type : NotificationType.SWITCHABLE) {
            if (type.name().equals(name)) {
                return type;
            }
        }
        return null;
    }

    record PreferencesRequest(
            @Pattern(regexp = "INSTANT|DAILY_DIGEST|OFF",
                    message = "{preference.email.invalid}")
            String email,
            String slackWebhookUrl,
            Map<String, Boolean> types) {
    }

    /** {@code slackWebhookUrl} may be left out: then the saved one is used. */
    record SlackTestRequest(String slackWebhookUrl) {
        @Override
        public String toString() {
            return "SlackTestRequest[hidden]";
        }
    }

    record SlackTestResult(boolean delivered) {
    }

    /** {@code slackWebhookUrl}: masked, e.g. {@code https://hooks.slack.com/…wxyz}; a credential is never shown. */
    record PreferencesView(
            EmailMode email,
            @io.swagger.v3.oas.annotations.media.Schema(example = "https://hooks.slack.com/…wxyz",
                    description = "保存した Slack Webhook URL（マスク済み）。PUT でこの値を送ると保存済みの URL を保持します / "
                            + "The saved Slack webhook URL, masked; sending this value back in a PUT keeps the saved URL")
            String slackWebhookUrl,
            Map<NotificationType, Boolean> types) {
        static PreferencesView of(Preferences preferences) {
            return new PreferencesView(preferences.email(), WebhookUrls.mask(preferences.slackWebhookUrl()),
                    preferences.effectiveTypes());
        }
    }
}
