package dev.sctp.integration.event;

import dev.sctp.integration.connection.SctpAssociation;

/**
 * An association ended gracefully (SCTP_ASSOC_CHANGE SHUTDOWN_COMP, or closed by this side).
 *
 * @since 0.1.0
 */
public class SctpAssociationShutdownEvent extends SctpAssociationEvent {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the event.
     *
     * @param association the association
     */
    public SctpAssociationShutdownEvent(SctpAssociation association) {
        super(association, null);
    }
}
