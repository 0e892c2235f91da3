package dev.sctp.integration.outbound;

import dev.sctp.SendInfo;
import dev.sctp.integration.connection.AbstractSctpAssociationFactory;
import dev.sctp.integration.connection.SctpAssociation;
import dev.sctp.integration.support.SctpFactoryBinding;
import dev.sctp.integration.support.SctpSendInfoResolver;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.Expression;
import org.springframework.integration.handler.AbstractMessageHandler;
import org.springframework.integration.support.management.ManageableLifecycle;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandlingException;

/**
 * Sends each message as one SCTP message, on the association named by the {@code sctp_associationId} header (the
 * reply path to whoever sent a request through an inbound adapter on the same factory) or, without that header and
 * with a client factory, on the client's association (connecting if needed).
 *
 * <p>Stream id, PPID, unordered, context and lifetime come from the {@link SctpSendInfoResolver}: expressions, then
 * headers, then defaults. Payloads are {@code byte[]}, {@code String} (UTF-8), {@code ByteBuffer}, or any object
 * the resolver's {@link org.springframework.messaging.converter.MessageConverter} encodes. A message with
 * no routable association, a stream beyond the negotiated count, an oversize payload, a closed or aborted
 * association or a send timeout each fail with a {@link MessageHandlingException} naming the association and the
 * cause.
 *
 * @since 0.1.0
 */
public class SctpSendingMessageHandler extends AbstractMessageHandler implements ManageableLifecycle {

    private final SctpFactoryBinding factoryBinding = new SctpFactoryBinding();
    private SctpSendInfoResolver sendInfoResolver = new SctpSendInfoResolver();
    private @Nullable Expression associationIdExpression;
    private EvaluationContext evaluationContext = EvaluationContexts.of(null);
    private volatile boolean running;

    /**
     * Sets the factory whose associations messages are sent on.
     *
     * @param associationFactory the factory
     */
    public void setAssociationFactory(AbstractSctpAssociationFactory associationFactory) {
        factoryBinding.bind(associationFactory, null);
    }

    /** Returns the factory. */
    public @Nullable AbstractSctpAssociationFactory getAssociationFactory() {
        return factoryBinding.get();
    }

    /**
     * Sets how payloads and send information are derived from messages.
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
     * Sets an expression for the association id, instead of the {@code sctp_associationId} header.
     *
     * @param associationIdExpression evaluated against the message
     */
    public void setAssociationIdExpression(@Nullable Expression associationIdExpression) {
        this.associationIdExpression = associationIdExpression;
    }

    @Override
    public String getComponentType() {
        return "sctp:outbound-channel-adapter";
    }

    @Override
    protected void onInit() {
        super.onInit();
        AbstractSctpAssociationFactory associationFactory = factoryBinding.required(getComponentName());
        evaluationContext = EvaluationContexts.of(getBeanFactory());
        sendInfoResolver.setEvaluationContext(evaluationContext);
        sendInfoResolver.setFallbackHeaderMapper(associationFactory.getHeaderMapper());
    }

    @Override
    protected void handleMessageInternal(Message<?> message) {
        AbstractSctpAssociationFactory factory = factoryBinding.get();
        if (factory == null) {
            throw new MessageHandlingException(message, "No association factory");
        }
        SctpAssociation association = AssociationResolver.resolve(factory, message, associationIdExpression,
                evaluationContext, true);
        send(association, message, sendInfoResolver);
    }

    static void send(SctpAssociation association, Message<?> message, SctpSendInfoResolver resolver) {
        SendInfo info;
        byte[] payload;
        try {
            info = resolver.resolve(message);
            payload = resolver.payloadBytes(message);
        } catch (RuntimeException e) {
            throw new MessageHandlingException(message, "Cannot send to association " + association.getId() + ": "
                    + e.getMessage(), e);
        }
        send(association, message, payload, info);
    }

    static void send(SctpAssociation association, Message<?> message, byte[] payload, SendInfo info) {
        try {
            association.send(payload, info);
        } catch (IOException | RuntimeException e) {
            throw new MessageHandlingException(message, e.getMessage(), e);
        }
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
