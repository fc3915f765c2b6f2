package jp.kyoso.notifications;

import java.util.UUID;

/** This process among the instances of the service: the origin of the notices it stores and announces. */
public record InstanceId(String value) {
    public static InstanceId random() {
        return new InstanceId(UUID.randomUUID().toString().substring(0, 13));
    }
}
