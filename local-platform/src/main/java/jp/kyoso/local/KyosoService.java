package jp.kyoso.local;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The four services the platform runs, by the name of their Maven module (which is also the jar's name).
 */
public enum KyosoService {
    MEMBERS("members-service", "kyoso-members"),
    POSTS("posts-service", "kyoso-posts"),
    NOTIFICATIONS("notifications-service", "kyoso-notifications"),
    // last, so that the services it routes to are usually up before it is
    GATEWAY("gateway", null);

    private final String moduleName;
    private final String mongoDatabase;

    KyosoService(String moduleName, String mongoDatabase) {
        this.moduleName = moduleName;
        this.mongoDatabase = mongoDatabase;
    }

    public String moduleName() {
        return moduleName;
    }

    /** The database this service uses on the shared MongoDB-wire server, or null if it keeps no data. */
    public String mongoDatabase() {
        return mongoDatabase;
    }

    public static KyosoService byName(String moduleName) {
        for (KyosoService service : values()) {
            if (service.moduleName.equals(moduleName)) {
                return service;
            }
        }
        throw new IllegalArgumentException("unknown service '" + moduleName + "'; known: "
                + Arrays.stream(values()).map(KyosoService::moduleName).collect(Collectors.joining(", ")));
    }
}
