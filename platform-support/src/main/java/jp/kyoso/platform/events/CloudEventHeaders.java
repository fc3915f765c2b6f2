package jp.kyoso.platform.events;

/**
 * CloudEvents 1.0 attributes in the Kafka protocol binding (binary mode): every attribute is a header with the
 * {@code ce_} prefix and the event data is the record value.
 */
public final class CloudEventHeaders {
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    public static final String CONTENT_TYPE = "content-type";
    public static final String SPEC_VERSION_1_0 = "1.0";
    /** Not a CloudEvents attribute: the request that caused the event, for log correlation across services. */
    public static final String REQUEST_ID = "kyoso_request_id";

    private CloudEventHeaders() {
    }
}
