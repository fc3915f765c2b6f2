package jp.kyoso.platform.consumer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which CloudEvents {@code source} a consumer believes on which topic: the key is a topic prefix (a topic matches a
 * prefix it equals or that is followed by a dot; the longest prefix wins), the value the sources allowed there. A
 * topic no prefix matches is believed from nobody. Configured entries replace the default of the same prefix only.
 *
 * <pre>
 * kyoso.events.trusted-sources:
 *   "[kyoso.members]": /kyoso/members-service
 *   "[kyoso.notifications.commands]": [/kyoso/members-service, /kyoso/some-other-service]
 * </pre>
 * (brackets keep the dots of the prefix; as an environment variable the list is comma-separated).
 *
 * @param trustedSources topic prefix → the sources allowed to publish there
 */
@ConfigurationProperties("kyoso.events")
public record TrustedSourcesProperties(Map<String, List<String>> trustedSources) {

    /**
     * What the services really send (their {@code kyoso.outbox.source}): the member events and the notification
     * commands (verification, already-registered, nudge and handover-invitation mails) come from members-service,
     * the posts events from posts-service.
     */
    public static final Map<String, List<String>> DEFAULTS = Map.of(
            "kyoso.members", List.of("/kyoso/members-service"),
            "kyoso.posts", List.of("/kyoso/posts-service"),
            "kyoso.notifications.commands", List.of("/kyoso/members-service"));

    public TrustedSourcesProperties {
        Map<String, List<String>> merged = new LinkedHashMap<>(DEFAULTS);
        if (trustedSources != null) {
            trustedSources.forEach((prefix, sources) -> merged.put(prefix,
                    sources == null ? List.of() : sources.stream().map(String::trim).filter(s -> !s.isEmpty()).toList()));
        }
        trustedSources = Map.copyOf(merged);
    }
}
