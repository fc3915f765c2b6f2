package jp.kyoso.platform.consumer;

import org.springframework.cloud.function.core.FunctionInvocationHelper;
import org.springframework.messaging.Message;

/**
 * Hands every consumer its record as the binder mapped it, in place of Spring Cloud Function's CloudEvents helper.
 * That helper set out to rebuild each message that carries {@code ce_} headers into its canonical form before the
 * consumer ran: it copied the message twice and parsed the record's {@code content-type} header, which the binder
 * passes on as bytes, so the parse failed, built an exception with its stack trace, and the helper handed on the
 * original message: all of that work thrown away, on every record of the outbox relay. Kyoso's consumers read the
 * CloudEvents attributes from the headers themselves ({@link InboundEvent#from}), under any of the prefixes the spec
 * allows, so the canonical form gives them nothing. In a profile of notifications-service at 50 replies a second the
 * helper was 2 % of the process's CPU, and every reply's event is read by four consumers in three services.
 * <p>
 * Only consumers are bound in Kyoso (no function output, no {@code StreamBridge}): the helper's output side, which
 * adds CloudEvents attributes to what a function sends, is not used. A service that starts sending through Spring Cloud
 * Stream must declare its own helper.
 */
public final class RecordsAsReceived implements FunctionInvocationHelper<Message<?>> {
}
