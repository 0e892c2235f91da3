package dev.sctp.integration.event;

import dev.sctp.integration.connection.SctpAssociation;

/**
 * The peer restarted the association (SCTP_ASSOC_CHANGE RESTART): it is up again, but streams and sequence numbers
 * were reset and data may have been lost.
 *
 * @since 0.1.0
 */
public class SctpAssociationRestartedEvent extends SctpAssociationEvent {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the event.
     *
     * @param association the association
     */
    public SctpAssociationRestartedEvent(SctpAssociation association) {
        super(association, null);
    }
}
