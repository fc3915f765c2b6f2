package jp.kyoso.notifications.email;

/** Mail addresses as the delivery log shows them to moderators: recognisable, not collectable. */
public final class MailAddresses {
    private MailAddresses() {
    }

    public static String mask(String address) {
        int at = address == null ? -1 : address.indexOf('@');
        if (at <= 0) {
            return "***";
        }
        return address.substring(0, Math.min(2, at)) + "***" + address.substring(at);
    }
}
