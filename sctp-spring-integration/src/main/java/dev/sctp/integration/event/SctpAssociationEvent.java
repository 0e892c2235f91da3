package dev.sctp.integration.event;

import dev.sctp.SctpAddress;
import dev.sctp.integration.connection.SctpAssociation;
import org.jspecify.annotations.Nullable;

/**
 * An event about one association; its source is the {@link SctpAssociation}.
 *
 * @since 0.1.0
 */
public abstract class SctpAssociationEvent extends SctpIntegrationEvent {

    private static final long serialVersionUID = 1L;

    private final String associationId;
    private final SctpAddress remoteAddress;

    /**
     * Creates the event.
     *
     * @param association the association
     * @param cause the failure behind the event, if any
     */
    protected SctpAssociationEvent(SctpAssociation association, @Nullable Throwable cause) {
        super(association, association.getFactory().getComponentName(), cause);
        this.associationId = association.getId();
        this.remoteAddress = association.getRemoteAddress();
    }

    /** Returns the association's id, as in the {@code sctp_associationId} header. */
    public String getAssociationId() {
        return associationId;
    }

    /** Returns the peer's addresses when the event was created. */
    public SctpAddress getRemoteAddress() {
        return remoteAddress;
    }

    /** Returns the association (the event's source). */
    public SctpAssociation getAssociation() {
        return (SctpAssociation) getSource();
    }

    @Override
    protected String details() {
        return ", association=" + associationId + moreDetails();
    }

    /** Returns further {@code ", key=value"} pairs of the subclass. */
    protected String moreDetails() {
        return "";
    }
}
