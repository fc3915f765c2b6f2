package jp.kyoso.members.member;

public final class Topics {
    public static final String MEMBERS = "kyoso.members.v1";
    public static final String NOTIFICATION_COMMANDS = "kyoso.notifications.commands.v1";

    private Topics() {
    }
}
