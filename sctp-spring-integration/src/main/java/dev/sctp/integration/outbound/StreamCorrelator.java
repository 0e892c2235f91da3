package dev.sctp.integration.outbound;

import dev.sctp.SendInfo;
import dev.sctp.integration.connection.SctpAssociation;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.log.LogAccessor;
import org.springframework.integration.MessageTimeoutException;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandlingException;
import org.springframework.scheduling.TaskScheduler;

/**
 * The outbound gateway's requests correlated by stream (the default): one request in flight per stream of an
 * association, the next message on the stream its reply, and a stream whose request timed out held for the late
 * reply.
 */
final class StreamCorrelator {

    private static final LogAccessor LOGGER = new LogAccessor(SctpOutboundGateway.class);

    private final SctpOutboundGateway gateway;
    private final Map<String, StreamSlots> slots = new ConcurrentHashMap<>();

    StreamCorrelator(SctpOutboundGateway gateway) {
        this.gateway = gateway;
    }

    /** Returns the stream slots of association {@code id}, if any. */
    @Nullable StreamSlots slots(String id) {
        return slots.get(id);
    }

    /** Drops the stream slots of association {@code id} (it ended) and returns them, to fail what waits. */
    @Nullable StreamSlots forget(String id) {
        return slots.remove(id);
    }

    /** Returns the number of associations with stream slots. */
    int associations() {
        return slots.size();
    }

    /** Returns the streams with a request in flight or held for a late reply, over all associations. */
    int inUse() {
        int used = 0;
        for (StreamSlots streams : slots.values()) {
            used += streams.inUse();
        }
        return used;
    }

    /** Returns the streams held for the late reply of a request that timed out, over all associations. */
    int heldForLateReplies() {
        int held = 0;
        for (StreamSlots streams : slots.values()) {
            held += streams.reservedForLateReplies();
        }
        return held;
    }

    /** Sends {@code request} on a stream of its own and returns its reply (or, async, a future of it). */
    @Nullable Object request(Message<?> request, SctpAssociation association, byte[] payload, SendInfo info) {
        // looked up first: computeIfAbsent's capturing lambda would be allocated per request
        StreamSlots known = slots.get(association.getId());
        StreamSlots streams = known != null ? known : slots.computeIfAbsent(association.getId(),
                id -> new StreamSlots(gateway.streamCount(association)));
        if (!association.isOpen()) {
            // it closed after it was resolved, perhaps before onAssociationClosed could see this entry: drop it, or
            // it would stay for good
            slots.remove(association.getId(), streams);
            throw new MessageHandlingException(request, "Association " + association.getId() + " closed before the "
                    + "request could be sent");
        }
        boolean fromPool = !gateway.getSendInfoResolver().hasStreamIdExpression();
        int stream = acquire(request, association, streams, fromPool, info.streamId());
        StreamSlots.Pending pending = streams.register(stream, fromPool);
        try {
            SctpSendingMessageHandler.send(association, request, payload,
                    !info.usesSocketDefaults() && info.streamId() == stream ? info : info.withStream(stream));
        } catch (RuntimeException e) {
            streams.done(stream, pending);
            throw e;
        }
        return gateway.awaitReply(pending.reply,
                (reply, error) -> finish(request, association, streams, stream, pending, reply, error));
    }

    private int acquire(Message<?> request, SctpAssociation association, StreamSlots streams, boolean fromPool,
            int explicit) {
        try {
            if (fromPool) {
                int stream = streams.acquireAny(gateway.requestTimeout().toMillis());
                if (stream < 0) {
                    throw new MessageTimeoutException(request, "No free stream on association " + association.getId()
                            + " within " + gateway.requestTimeout() + ": all " + streams.streams()
                            + " streams have a request in flight (" + streams.reservedForLateReplies()
                            + " are held for late replies)");
                }
                return stream;
            }
            if (explicit >= streams.streams()) {
                throw new MessageHandlingException(request, "Stream " + explicit + " is beyond the "
                        + streams.streams() + " request/reply streams of association " + association.getId());
            }
            if (!streams.acquire(explicit, gateway.requestTimeout().toMillis())) {
                throw new MessageTimeoutException(request, "Stream " + explicit + " of association "
                        + association.getId() + " still had a request in flight after " + gateway.requestTimeout());
            }
            return explicit;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MessageHandlingException(request, "Interrupted waiting for a stream of association "
                    + association.getId(), e);
        }
    }

    private Object finish(Message<?> request, SctpAssociation association, StreamSlots streams, int stream,
            StreamSlots.Pending pending, @Nullable Message<byte[]> reply, @Nullable Throwable error) {
        if (reply == null && (error instanceof TimeoutException)) {
            pending.timedOut = true;
            if (pending.reply.isDone() && !pending.reply.isCompletedExceptionally()) {
                reply = pending.reply.join(); // it arrived just as we gave up
            }
        }
        if (streams.done(stream, pending)) {
            expireLater(association, streams, stream, pending);
        }
        if (reply != null) {
            return gateway.convertReply(reply);
        }
        if (error instanceof TimeoutException) {
            throw new MessageTimeoutException(request, "No reply on stream " + stream + " of association "
                    + association.getId() + " within " + gateway.remoteTimeout());
        }
        throw SctpOutboundGateway.failure(request, association, "on stream " + stream, error);
    }

    private void expireLater(SctpAssociation association, StreamSlots streams, int stream,
            StreamSlots.Pending pending) {
        Duration hold = gateway.lateReplyHold();
        Runnable expiry = () -> {
            if (streams.expire(stream, pending)) {
                LOGGER.warn(() -> "No late reply came on stream " + stream + " of association "
                        + association.getId() + " within " + hold + " after its request timed out; the stream is "
                        + "free again (a reply that still comes would be taken for the next request on it)");
            }
        };
        // the factory's timers run on the integration TaskScheduler; a stopped factory has no associations to hold
        // streams of, so there is nothing to expire then
        TaskScheduler scheduler = association.getFactory().getActiveTaskScheduler();
        if (scheduler == null) {
            expiry.run();
            return;
        }
        try {
            scheduler.schedule(expiry, Instant.now().plus(hold));
        } catch (RuntimeException e) {
            expiry.run(); // the scheduler is shutting down
        }
    }
}
