package dev.sctp.integration.event;

import dev.sctp.SctpAddress;
import dev.sctp.integration.connection.SctpRejection;
import org.jspecify.annotations.Nullable;

/**
 * A factory aborted an association to protect itself: its peer is not allowed, a limit on associations was reached
 * as it was accepted, or the peer sent a message over the size limit. The source is the factory; the cause's message
 * names the value, the limit and the setting to change.
 *
 * @since 0.1.0
 */
public class SctpAssociationRejectedEvent extends SctpAssociationFailedEvent {

    private static final long serialVersionUID = 1L;

    private final SctpRejection reason;

    /**
     * Creates the event.
     *
     * @param factory the factory
     * @param factoryName the factory's bean name
     * @param peer the peer's addresses, if known
     * @param associationId the association's id, when it got one
     * @param reason which allow-list or limit
     * @param cause the error, naming the value, the limit and the fix
     */
    public SctpAssociationRejectedEvent(Object factory, String factoryName, @Nullable SctpAddress peer,
            @Nullable String associationId, SctpRejection reason, Throwable cause) {
        super(factory, factoryName, peer, associationId, cause);
        this.reason = reason;
    }

    /** Returns which allow-list or limit rejected the association. */
    public SctpRejection getReason() {
        return reason;
    }

    @Override
    protected String details() {
        return super.details() + ", reason=" + reason.tag();
    }
}
