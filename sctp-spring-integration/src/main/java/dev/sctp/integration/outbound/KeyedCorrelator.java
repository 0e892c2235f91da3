package dev.sctp.integration.outbound;

import dev.sctp.SendInfo;
import dev.sctp.integration.connection.SctpAssociation;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.springframework.integration.MessageTimeoutException;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandlingException;

/**
 * The outbound gateway's requests correlated by key ({@link SctpReplyCorrelation}): registered per association
 * before they are sent, matched with their replies whatever stream those come on, forgotten when they end.
 */
final class KeyedCorrelator {

    private final SctpOutboundGateway gateway;
    private final Map<String, KeyedReplies> keyed = new ConcurrentHashMap<>();

    KeyedCorrelator(SctpOutboundGateway gateway) {
        this.gateway = gateway;
    }

    /** Returns the waiting requests of association {@code id}, if any. */
    @Nullable KeyedReplies replies(String id) {
        return keyed.get(id);
    }

    /** Drops the waiting requests of association {@code id} (it ended) and returns them, to fail them. */
    @Nullable KeyedReplies forget(String id) {
        return keyed.remove(id);
    }

    /** Returns the requests waiting for a reply, over all associations. */
    int inFlight() {
        int waiting = 0;
        for (KeyedReplies replies : keyed.values()) {
            waiting += replies.inFlight();
        }
        return waiting;
    }

    /** Returns the number of associations with an entry. */
    int associations() {
        return keyed.size();
    }

    /** Sends {@code request} and returns its reply (or, async, a future of it). */
    @Nullable Object request(Message<?> request, SctpAssociation association, byte[] payload,
            SendInfo info, SctpReplyCorrelation correlation) {
        Object key;
        try {
            key = correlation.requestKey(request, payload);
        } catch (RuntimeException e) {
            throw new MessageHandlingException(request, "Cannot correlate the request to association "
                    + association.getId() + " by " + correlation + ": " + e.getMessage(), e);
        }
        KeyedReplies replies = keyed.computeIfAbsent(association.getId(), id -> new KeyedReplies());
        if (!association.isOpen()) {
            keyed.remove(association.getId(), replies); // as for stream slots: no entry may outlive its association
            throw new MessageHandlingException(request, "Association " + association.getId() + " closed before the "
                    + "request could be sent");
        }
        CompletableFuture<Message<byte[]>> reply = replies.register(key);
        if (reply == null) {
            throw new MessageHandlingException(request, "A request with correlation key " + key + " (" + correlation
                    + ") is already waiting for its reply on association " + association.getId() + "; its reply "
                    + "could not be told apart. Give each request in flight its own key");
        }
        int stream = gateway.getSendInfoResolver().hasStreamIdExpression() ? info.streamId()
                : replies.nextStream(gateway.streamCount(association));
        try {
            SctpSendingMessageHandler.send(association, request, payload, info.withStream(stream));
        } catch (RuntimeException e) {
            replies.remove(key, reply);
            throw e;
        }
        return gateway.awaitReply(reply, (r, error) -> finish(request, association, replies, key, reply, r, error));
    }

    private Object finish(Message<?> request, SctpAssociation association, KeyedReplies replies, Object key,
            CompletableFuture<Message<byte[]>> future, @Nullable Message<byte[]> reply, @Nullable Throwable error) {
        replies.remove(key, future); // a reply that comes later is unsolicited
        if (reply == null && error instanceof TimeoutException && future.isDone()
                && !future.isCompletedExceptionally()) {
            reply = future.join(); // it arrived just as we gave up
        }
        if (reply != null) {
            return gateway.convertReply(reply);
        }
        if (error instanceof TimeoutException) {
            throw new MessageTimeoutException(request, "No reply with correlation key " + key + " from association "
                    + association.getId() + " within " + gateway.remoteTimeout());
        }
        throw SctpOutboundGateway.failure(request, association, "with correlation key " + key, error);
    }
}
