package dev.sctp.integration.event;

import org.jspecify.annotations.Nullable;
import org.springframework.messaging.Message;

/**
 * An outbound gateway received a message no request was waiting for (a late or unsolicited reply) and had no
 * unsolicited-message channel to send it to; the event carries the message so it is not lost.
 *
 * @since 0.1.0
 */
public class SctpFailedCorrelationEvent extends SctpIntegrationEvent {

    private static final long serialVersionUID = 1L;

    private final @Nullable String associationId;
    private final Message<?> failedMessage;

    /**
     * Creates the event.
     *
     * @param gateway the gateway
     * @param factoryName the factory's bean name
     * @param associationId the association the message arrived on
     * @param failedMessage the uncorrelated message
     * @param cause why it could not be correlated
     */
    public SctpFailedCorrelationEvent(Object gateway, String factoryName, @Nullable String associationId,
            Message<?> failedMessage, Throwable cause) {
        super(gateway, factoryName, cause);
        this.associationId = associationId;
        this.failedMessage = failedMessage;
    }

    /** Returns the association the message arrived on. */
    public @Nullable String getAssociationId() {
        return associationId;
    }

    /** Returns the message that could not be correlated. */
    public Message<?> getFailedMessage() {
        return failedMessage;
    }

    @Override
    protected String details() {
        return ", association=" + associationId;
    }
}
