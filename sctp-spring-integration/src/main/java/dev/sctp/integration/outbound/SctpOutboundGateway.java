package dev.sctp.integration.outbound;

import dev.sctp.SendInfo;
import dev.sctp.integration.connection.AbstractSctpAssociationFactory;
import dev.sctp.integration.connection.CloseReason;
import dev.sctp.integration.connection.SctpAssociation;
import dev.sctp.integration.connection.SctpClientAssociationFactory;
import dev.sctp.integration.connection.SctpListener;
import dev.sctp.integration.event.SctpFailedCorrelationEvent;
import dev.sctp.integration.support.SctpHeaders;
import dev.sctp.integration.support.SctpPayloadConverter;
import dev.sctp.integration.support.SctpSendInfoResolver;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.Expression;
import org.springframework.integration.MessageTimeoutException;
import org.springframework.integration.handler.AbstractReplyProducingMessageHandler;
import org.springframework.integration.support.management.ManageableLifecycle;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandlingException;
import org.springframework.messaging.MessagingException;
import org.springframework.scheduling.TaskScheduler;

/**
 * An outbound request/reply gateway whose replies are correlated by stream: each request takes a free stream of the
 * association, at most one request is in flight per stream, and the next message arriving on that stream is its
 * reply. One association therefore carries as many concurrent request/reply flows as it has streams (the smaller of
 * the negotiated outbound and inbound counts, capped by {@link #setMaxStreams}); TCP's gateway allows one. With a
 * {@link SctpReplyCorrelation} ({@link #setReplyCorrelation}) replies are matched by a key in the messages instead,
 * such as Diameter's hop-by-hop id: any number of requests in flight per stream, the reply on any stream.
 *
 * <p>The association is the client factory's, or the one named by the {@code sctp_associationId} header for a
 * server factory. The stream is chosen from the pool unless a stream id expression is set; the {@code sctp_streamId}
 * header of the request is ignored, because it usually describes where an earlier message came from. PPID,
 * unordered, context and lifetime come from expressions, headers or defaults.
 *
 * <p>Waiting for a stream is bounded by the request timeout, waiting for the reply by the remote timeout; the
 * latter raises a {@link MessageTimeoutException} naming association and stream. A stream whose request timed out
 * is reserved until its late reply arrives. Messages no request waits for (late replies, unsolicited messages) go to
 * the unsolicited-message channel or, without one, are published as {@link SctpFailedCorrelationEvent}s and logged.
 * When the association ends, waiting requests fail at once naming it.
 *
 * @since 0.1.0
 */
public class SctpOutboundGateway extends AbstractReplyProducingMessageHandler
        implements SctpListener, ManageableLifecycle {

    private final Map<String, StreamSlots> slots = new ConcurrentHashMap<>();
    private final Map<String, KeyedReplies> keyed = new ConcurrentHashMap<>();
    private @Nullable SctpReplyCorrelation replyCorrelation;
    private @Nullable AbstractSctpAssociationFactory associationFactory;
    private SctpSendInfoResolver sendInfoResolver = new SctpSendInfoResolver();
    private SctpPayloadConverter payloadConverter = new SctpPayloadConverter();
    private @Nullable Expression associationIdExpression;
    private @Nullable MessageChannel unsolicitedMessageChannel;
    private EvaluationContext evaluationContext = EvaluationContexts.of(null);
    private Duration requestTimeout = Duration.ofSeconds(10);
    private Duration remoteTimeout = Duration.ofSeconds(10);
    private @Nullable Duration lateReplyTimeout;
    private int maxStreams = Integer.MAX_VALUE;
    private volatile boolean running;

    /**
     * Sets the factory; the gateway registers as its listener to receive the replies.
     *
     * @param associationFactory the factory
     */
    public void setAssociationFactory(AbstractSctpAssociationFactory associationFactory) {
        associationFactory.registerListener(this);
        this.associationFactory = associationFactory;
    }

    /**
     * Sets how requests are encoded and sent.
     *
     * @param sendInfoResolver the resolver
     */
    public void setSendInfoResolver(SctpSendInfoResolver sendInfoResolver) {
        this.sendInfoResolver = sendInfoResolver;
    }

    /** Returns the resolver, to set defaults and expressions. */
    public SctpSendInfoResolver getSendInfoResolver() {
        return sendInfoResolver;
    }

    /**
     * Sets the converter of reply payloads; by default they stay {@code byte[]}.
     *
     * @param payloadConverter the converter
     */
    public void setPayloadConverter(SctpPayloadConverter payloadConverter) {
        this.payloadConverter = payloadConverter;
    }

    /**
     * Sets an expression for the association id (server factories), instead of the {@code sctp_associationId} header.
     *
     * @param associationIdExpression evaluated against the request
     */
    public void setAssociationIdExpression(@Nullable Expression associationIdExpression) {
        this.associationIdExpression = associationIdExpression;
    }

    /**
     * Sets the channel for messages no request was waiting for.
     *
     * @param unsolicitedMessageChannel the channel
     */
    public void setUnsolicitedMessageChannel(@Nullable MessageChannel unsolicitedMessageChannel) {
        this.unsolicitedMessageChannel = unsolicitedMessageChannel;
    }

    /**
     * Sets how long a request may wait for a free stream; default 10 seconds.
     *
     * @param requestTimeout the timeout
     */
    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    /**
     * Sets how long a request waits for its reply; default 10 seconds.
     *
     * @param remoteTimeout the timeout
     */
    public void setRemoteTimeout(Duration remoteTimeout) {
        this.remoteTimeout = remoteTimeout;
    }

    /**
     * Sets how long a stream whose request timed out stays reserved for the late reply, so that reply is not taken
     * for the next request on the stream; default the remote timeout. Afterwards the stream is free again, so a
     * peer that never answers does not use up the association's streams.
     *
     * @param lateReplyTimeout the time, zero to free the stream at once
     */
    public void setLateReplyTimeout(Duration lateReplyTimeout) {
        if (lateReplyTimeout.isNegative()) {
            throw new IllegalArgumentException("lateReplyTimeout must not be negative, but is " + lateReplyTimeout);
        }
        this.lateReplyTimeout = lateReplyTimeout;
    }

    /**
     * Sets how replies are matched to requests: by a key in the messages (many requests in flight per stream, the
     * reply on any stream), instead of by stream (the default: one request per stream, the reply on that stream).
     *
     * @param replyCorrelation the correlation, such as {@link SctpReplyCorrelation#diameterHopByHop()}; null for
     *     correlation by stream
     */
    public void setReplyCorrelation(@Nullable SctpReplyCorrelation replyCorrelation) {
        this.replyCorrelation = replyCorrelation;
    }

    /**
     * Caps the streams used per association (streams 0..maxStreams-1), and so the concurrent requests.
     *
     * @param maxStreams at least 1
     */
    public void setMaxStreams(int maxStreams) {
        if (maxStreams < 1) {
            throw new IllegalArgumentException("maxStreams must be at least 1, not " + maxStreams);
        }
        this.maxStreams = maxStreams;
    }

    @Override
    public String getComponentType() {
        return "sctp:outbound-gateway";
    }

    @Override
    protected void doInit() {
        if (associationFactory == null) {
            throw new IllegalStateException("An association factory is required");
        }
        evaluationContext = EvaluationContexts.of(getBeanFactory());
        sendInfoResolver.setEvaluationContext(evaluationContext);
        sendInfoResolver.setFallbackHeaderMapper(associationFactory.getHeaderMapper());
    }

    @Override
    protected @Nullable Object handleRequestMessage(Message<?> request) {
        AbstractSctpAssociationFactory factory = associationFactory;
        if (factory == null) {
            throw new MessageHandlingException(request, "No association factory");
        }
        SctpAssociation association = AssociationResolver.resolve(factory, request, associationIdExpression,
                evaluationContext, !(factory instanceof SctpClientAssociationFactory));
        SendInfo info;
        byte[] payload;
        try {
            info = sendInfoResolver.resolve(request);
            payload = sendInfoResolver.payloadBytes(request);
        } catch (RuntimeException e) {
            throw new MessageHandlingException(request, "Cannot send to association " + association.getId() + ": "
                    + e.getMessage(), e);
        }
        SctpReplyCorrelation correlation = replyCorrelation;
        if (correlation != null) {
            return keyedRequest(request, association, payload, info, correlation);
        }
        StreamSlots streams = slots.computeIfAbsent(association.getId(),
                id -> new StreamSlots(streamCount(association)));
        if (!association.isOpen()) {
            // it closed after it was resolved, perhaps before onAssociationClosed could see this entry: drop it, or
            // it would stay for good
            slots.remove(association.getId(), streams);
            throw new MessageHandlingException(request, "Association " + association.getId() + " closed before the "
                    + "request could be sent");
        }
        boolean fromPool = !sendInfoResolver.hasStreamIdExpression();
        int stream = acquire(request, association, streams, fromPool, info.streamId());
        StreamSlots.Pending pending = streams.register(stream, fromPool);
        try {
            SctpSendingMessageHandler.send(association, request, payload, info.withStream(stream));
        } catch (RuntimeException e) {
            streams.done(stream, pending);
            throw e;
        }
        if (isAsync()) {
            return pending.reply.orTimeout(remoteTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .handle((reply, error) -> finish(request, association, streams, stream, pending, reply, error));
        }
        try {
            Message<byte[]> reply = pending.reply.get(remoteTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return finish(request, association, streams, stream, pending, reply, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return finish(request, association, streams, stream, pending, null, e);
        } catch (ExecutionException e) {
            return finish(request, association, streams, stream, pending, null, e.getCause());
        } catch (TimeoutException e) {
            return finish(request, association, streams, stream, pending, null, e);
        }
    }

    private int streamCount(SctpAssociation association) {
        int outbound = association.getOutboundStreams();
        int inbound = association.getInboundStreams();
        int usable = outbound > 0 && inbound > 0 ? Math.min(outbound, inbound) : Math.max(1, outbound);
        return Math.max(1, Math.min(usable, maxStreams));
    }

    private int acquire(Message<?> request, SctpAssociation association, StreamSlots streams, boolean fromPool,
            int explicit) {
        try {
            if (fromPool) {
                int stream = streams.acquireAny(requestTimeout.toMillis());
                if (stream < 0) {
                    throw new MessageTimeoutException(request, "No free stream on association " + association.getId()
                            + " within " + requestTimeout + ": all " + streams.streams() + " streams have a request "
                            + "in flight (" + streams.reservedForLateReplies() + " are held for late replies)");
                }
                return stream;
            }
            if (explicit >= streams.streams()) {
                throw new MessageHandlingException(request, "Stream " + explicit + " is beyond the "
                        + streams.streams() + " request/reply streams of association " + association.getId());
            }
            if (!streams.acquire(explicit, requestTimeout.toMillis())) {
                throw new MessageTimeoutException(request, "Stream " + explicit + " of association "
                        + association.getId() + " still had a request in flight after " + requestTimeout);
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
            return convertReply(reply);
        }
        if (error instanceof TimeoutException) {
            throw new MessageTimeoutException(request, "No reply on stream " + stream + " of association "
                    + association.getId() + " within " + remoteTimeout);
        }
        throw failure(request, association, "on stream " + stream, error);
    }

    private Object convertReply(Message<byte[]> reply) {
        return payloadConverter.isIdentity() ? reply
                : getMessageBuilderFactory().withPayload(payloadConverter.convert(reply))
                        .copyHeaders(reply.getHeaders()).build();
    }

    private @Nullable Object keyedRequest(Message<?> request, SctpAssociation association, byte[] payload,
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
        int stream = sendInfoResolver.hasStreamIdExpression() ? info.streamId()
                : replies.nextStream(streamCount(association));
        try {
            SctpSendingMessageHandler.send(association, request, payload, info.withStream(stream));
        } catch (RuntimeException e) {
            replies.remove(key, reply);
            throw e;
        }
        if (isAsync()) {
            return reply.orTimeout(remoteTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .handle((r, error) -> finishKeyed(request, association, replies, key, reply, r, error));
        }
        try {
            return finishKeyed(request, association, replies, key, reply,
                    reply.get(remoteTimeout.toMillis(), TimeUnit.MILLISECONDS), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return finishKeyed(request, association, replies, key, reply, null, e);
        } catch (ExecutionException e) {
            return finishKeyed(request, association, replies, key, reply, null, e.getCause());
        } catch (TimeoutException e) {
            return finishKeyed(request, association, replies, key, reply, null, e);
        }
    }

    private Object finishKeyed(Message<?> request, SctpAssociation association, KeyedReplies replies, Object key,
            CompletableFuture<Message<byte[]>> future, @Nullable Message<byte[]> reply, @Nullable Throwable error) {
        replies.remove(key, future); // a reply that comes later is unsolicited
        if (reply == null && error instanceof TimeoutException && future.isDone()
                && !future.isCompletedExceptionally()) {
            reply = future.join(); // it arrived just as we gave up
        }
        if (reply != null) {
            return convertReply(reply);
        }
        if (error instanceof TimeoutException) {
            throw new MessageTimeoutException(request, "No reply with correlation key " + key + " from association "
                    + association.getId() + " within " + remoteTimeout);
        }
        throw failure(request, association, "with correlation key " + key, error);
    }

    private static MessagingException failure(Message<?> request, SctpAssociation association, String where,
            @Nullable Throwable error) {
        if (error instanceof MessagingException me && me.getFailedMessage() != null) {
            return me;
        }
        if (error instanceof MessagingException me) {
            return new MessageHandlingException(request, me.getMessage(), me);
        }
        return new MessageHandlingException(request, "Request " + where + " of association "
                + association.getId() + " failed: " + (error == null ? "no reply" : error.getMessage()), error);
    }

    private void expireLater(SctpAssociation association, StreamSlots streams, int stream,
            StreamSlots.Pending pending) {
        Duration hold = lateReplyTimeout != null ? lateReplyTimeout : remoteTimeout;
        Runnable expiry = () -> {
            if (streams.expire(stream, pending)) {
                logger.warn(() -> "No late reply came on stream " + stream + " of association "
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

    @Override
    public void onMessage(Message<byte[]> message) {
        String id = (String) message.getHeaders().get(SctpHeaders.ASSOCIATION_ID);
        Integer stream = (Integer) message.getHeaders().get(SctpHeaders.STREAM_ID);
        SctpReplyCorrelation correlation = replyCorrelation;
        if (correlation != null) {
            KeyedReplies replies = id == null ? null : keyed.get(id);
            Object key = null;
            try {
                key = replies == null ? null : correlation.replyKey(message);
            } catch (RuntimeException e) {
                logger.warn(e, () -> "Cannot take the correlation key of a message from association " + id);
            }
            if (replies != null && key != null && replies.complete(key, message)) {
                return;
            }
        } else {
            StreamSlots streams = id == null ? null : slots.get(id);
            if (streams != null && stream != null && stream < streams.streams()
                    && streams.complete(stream, message)) {
                return;
            }
        }
        MessageChannel channel = unsolicitedMessageChannel;
        if (channel != null) {
            channel.send(message);
            return;
        }
        String reason = "No request was waiting " + (correlation != null ? "for this reply" : "on stream " + stream)
                + " of association " + id
                + " and there is no unsolicited-message channel";
        logger.error(reason + "; publishing an SctpFailedCorrelationEvent with the " + message.getPayload().length
                + "-byte message");
        AbstractSctpAssociationFactory factory = associationFactory;
        ApplicationEventPublisher publisher = factory == null ? null : factory.getApplicationEventPublisher();
        if (publisher != null) {
            publisher.publishEvent(new SctpFailedCorrelationEvent(this, factory.getComponentName(), id, message,
                    new MessagingException(message, reason)));
        }
    }

    @Override
    public void onAssociationClosed(SctpAssociation association, CloseReason reason) {
        MessagingException ended = new MessagingException("Association " + association.getId() + " ended ("
                + reason + ") while a request was waiting for its reply");
        StreamSlots streams = slots.remove(association.getId());
        if (streams != null) {
            streams.failAll(ended);
        }
        KeyedReplies replies = keyed.remove(association.getId());
        if (replies != null) {
            replies.failAll(ended);
        }
    }

    /** Returns the requests waiting for a reply matched by key (with a {@link SctpReplyCorrelation}). */
    public int getKeyedRequestsInFlight() {
        int waiting = 0;
        for (KeyedReplies replies : keyed.values()) {
            waiting += replies.inFlight();
        }
        return waiting;
    }

    /** Returns the number of associations the gateway holds request streams for (those it sent requests on). */
    public int getCorrelatedAssociationCount() {
        return slots.size() + keyed.size();
    }

    /** Returns the streams with a request in flight or held for a late reply, over all associations. */
    public int getStreamsInUse() {
        int used = 0;
        for (StreamSlots streams : slots.values()) {
            used += streams.inUse();
        }
        return used;
    }

    /** Returns the streams held for the late reply of a request that timed out, over all associations. */
    public int getStreamsHeldForLateReplies() {
        int held = 0;
        for (StreamSlots streams : slots.values()) {
            held += streams.reservedForLateReplies();
        }
        return held;
    }

    @Override
    public void start() {
        AbstractSctpAssociationFactory factory = associationFactory;
        if (factory != null && !factory.isRunning()) {
            factory.start();
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
