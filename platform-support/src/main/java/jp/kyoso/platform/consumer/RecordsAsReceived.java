package jp.kyoso.platform.consumer;

import org.springframework.cloud.function.core.FunctionInvocationHelper;
import org.springframework.messaging.Message;

/**
 * Hands every consumer its record as the binder mapped it, in place of Spring Cloud Function's CloudEvents helper.
 * That helper rebuilds each message that carries {@code ce_} headers into its canonical form before the consumer runs:
 * two copies of the message, and a parse of the record's {@code content-type} header, which the binder passes on as
 * bytes, so the parse failed and built an exception with its stack trace on every record. Kyoso's consumers read the
 * CloudEvents attributes from the headers themselves ({@link InboundEvent#from}), under any of the prefixes the spec
 * allows, so the canonical form gives them nothing. In a profile of notifications-service at 50 replies a second the
 * helper was 2 % of the process's CPU, and every reply's event is read by four consumers in three services.
 * <p>
 * The consumers are the only functions bound: no output is produced, so the helper's output side is not needed either.
 */
public final class RecordsAsReceived implements FunctionInvocationHelper<Message<?>> {
}
