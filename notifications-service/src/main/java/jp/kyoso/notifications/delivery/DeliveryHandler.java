package jp.kyoso.notifications.delivery;

import org.bson.Document;

/** Sends one claimed delivery of its channel. Runs on that channel's worker thread only. */
public interface DeliveryHandler {
    Channel channel();

    Outcome attempt(Document delivery);
}
