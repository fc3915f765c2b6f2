package jp.kyoso.platform.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * The W3C {@code traceparent} of the span current on this thread, for work that leaves the thread through MongoDB:
 * an outbox event or a queued delivery keeps it, and whoever sends it later continues the same trace.
 */
public final class TraceParents {
    /** The record header and the stored field's meaning: {@code 00-<trace id>-<span id>-<flags>}. */
    public static final String HEADER = "traceparent";

    private TraceParents() {
    }

    /** Null where no span is current (a scheduled job, a test without tracing). */
    public static String current() {
        SpanContext context = Span.current().getSpanContext();
        if (!context.isValid()) {
            return null;
        }
        return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
    }
}
