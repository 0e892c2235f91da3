package dev.sctp.integration.outbound;

import dev.sctp.SendInfo;
import dev.sctp.integration.connection.AbstractSctpAssociationFactory;
import dev.sctp.integration.connection.CloseReason;
import dev.sctp.integration.connection.SctpAssociation;
import dev.sctp.integration.connection.SctpClientAssociationFactory;
import dev.sctp.integration.connection.SctpListener;
import dev.sctp.integration.event.SctpFailedCorrelationEvent;
import dev.sctp.integration.support.SctpFactoryBinding;
import dev.sctp.integration.support.SctpHeaders;
import dev.sctp.integration.support.SctpPayloadConverter;
import dev.sctp.integration.support.SctpSendInfoResolver;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
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

    private final StreamCorrelator streamCorrelator = new StreamCorrelator(this);
    private final KeyedCorrelator keyedCorrelator = new KeyedCorrelator(this);
    private @Nullable SctpReplyCorrelation replyCorrelation;
    private final SctpFactoryBinding factoryBinding = new SctpFactoryBinding();
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
        factoryBinding.bind(associationFactory, this);
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
        AbstractSctpAssociationFactory associationFactory = factoryBinding.required(getComponentName());
        evaluationContext = EvaluationContexts.of(getBeanFactory());
        sendInfoResolver.setEvaluationContext(evaluationContext);
        sendInfoResolver.setFallbackHeaderMapper(associationFactory.getHeaderMapper());
    }

    @Override
    protected @Nullable Object handleRequestMessage(Message<?> request) {
        AbstractSctpAssociationFactory factory = factoryBinding.get();
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
            return keyedCorrelator.request(request, association, payload, info, correlation);
        }
        return streamCorrelator.request(request, association, payload, info);
    }

    /** Ends a request once its reply came, or it failed or timed out. */
    @FunctionalInterface
    interface ReplyFinisher {

        Object finish(@Nullable Message<byte[]> reply, @Nullable Throwable error);
    }

    /**
     * Waits at most the remote timeout for {@code reply} and ends the request with {@code finisher}: on this thread,
     * or, for an async gateway, when the reply comes or the time is up.
     */
    @Nullable Object awaitReply(CompletableFuture<Message<byte[]>> reply, ReplyFinisher finisher) {
        if (isAsync()) {
            return reply.orTimeout(remoteTimeout.toMillis(), TimeUnit.MILLISECONDS).handle(finisher::finish);
        }
        try {
            return finisher.finish(reply.get(remoteTimeout.toMillis(), TimeUnit.MILLISECONDS), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return finisher.finish(null, e);
        } catch (ExecutionException e) {
            return finisher.finish(null, e.getCause());
        } catch (TimeoutException e) {
            return finisher.finish(null, e);
        }
    }

    /** Returns how long a request waits for its reply. */
    Duration remoteTimeout() {
        return remoteTimeout;
    }

    /** Returns how long a request waits for a free stream. */
    Duration requestTimeout() {
        return requestTimeout;
    }

    /** Returns how long a stream whose request timed out is held for the late reply. */
    Duration lateReplyHold() {
        Duration late = lateReplyTimeout;
        return late != null ? late : remoteTimeout;
    }

    /** Returns the request/reply streams of {@code association}: both directions', capped by maxStreams. */
    int streamCount(SctpAssociation association) {
        int outbound = association.getOutboundStreams();
        int inbound = association.getInboundStreams();
        int usable = outbound > 0 && inbound > 0 ? Math.min(outbound, inbound) : Math.max(1, outbound);
        return Math.max(1, Math.min(usable, maxStreams));
    }



    /** Returns the reply as the gateway produces it, its payload converted. */
    Object convertReply(Message<byte[]> reply) {
        return payloadConverter.toMessage(reply, getMessageBuilderFactory());
    }


    /** Returns the exception a failed request raises, naming the association and {@code where}. */
    static MessagingException failure(Message<?> request, SctpAssociation association, String where,
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


    @Override
    public void onMessage(Message<byte[]> message) {
        String id = (String) message.getHeaders().get(SctpHeaders.ASSOCIATION_ID);
        Integer stream = (Integer) message.getHeaders().get(SctpHeaders.STREAM_ID);
        SctpReplyCorrelation correlation = replyCorrelation;
        if (correlation != null) {
            KeyedReplies replies = id == null ? null : keyedCorrelator.replies(id);
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
            StreamSlots streams = id == null ? null : streamCorrelator.slots(id);
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
        AbstractSctpAssociationFactory factory = factoryBinding.get();
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
        StreamSlots streams = streamCorrelator.forget(association.getId());
        if (streams != null) {
            streams.failAll(ended);
        }
        KeyedReplies replies = keyedCorrelator.forget(association.getId());
        if (replies != null) {
            replies.failAll(ended);
        }
    }

    /** Returns the requests waiting for a reply matched by key (with a {@link SctpReplyCorrelation}). */
    public int getKeyedRequestsInFlight() {
        return keyedCorrelator.inFlight();
    }

    /** Returns the number of associations the gateway holds request streams for (those it sent requests on). */
    public int getCorrelatedAssociationCount() {
        return streamCorrelator.associations() + keyedCorrelator.associations();
    }

    /** Returns the streams with a request in flight or held for a late reply, over all associations. */
    public int getStreamsInUse() {
        return streamCorrelator.inUse();
    }

    /** Returns the streams held for the late reply of a request that timed out, over all associations. */
    public int getStreamsHeldForLateReplies() {
        return streamCorrelator.heldForLateReplies();
    }

    @Override
    public void start() {
        factoryBinding.start();
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
