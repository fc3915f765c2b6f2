package jp.kyoso.notifications.delivery;

/** Where a delivery goes outside the app. */
public enum Channel {
    EMAIL, SLACK
}
