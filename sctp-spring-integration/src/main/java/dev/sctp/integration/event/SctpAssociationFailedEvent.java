package dev.sctp.integration.event;

import dev.sctp.SctpAddress;
import org.jspecify.annotations.Nullable;

/**
 * An association could not be started: a client factory's connect failed or timed out, or the kernel reported
 * SCTP_ASSOC_CHANGE CANT_STR_ASSOC. The source is the factory.
 *
 * @since 0.1.0
 */
public class SctpAssociationFailedEvent extends SctpIntegrationEvent {

    private static final long serialVersionUID = 1L;

    private final @Nullable SctpAddress peer;
    private final @Nullable String associationId;

    /**
     * Creates the event.
     *
     * @param factory the factory
     * @param factoryName the factory's bean name
     * @param peer the peer addresses tried, if known
     * @param associationId the association's id, when it got one
     * @param cause why it failed
     */
    public SctpAssociationFailedEvent(Object factory, String factoryName, @Nullable SctpAddress peer,
            @Nullable String associationId, @Nullable Throwable cause) {
        super(factory, factoryName, cause);
        this.peer = peer;
        this.associationId = associationId;
    }

    /** Returns the peer addresses that were tried, if known. */
    public @Nullable SctpAddress getPeer() {
        return peer;
    }

    /** Returns the association's id when it got one, else {@code null}. */
    public @Nullable String getAssociationId() {
        return associationId;
    }

    @Override
    protected String details() {
        return (peer != null ? ", peer=" + peer : "") + (associationId != null ? ", association=" + associationId : "");
    }
}
