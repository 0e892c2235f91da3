package dev.sctp.integration.event;

import dev.sctp.integration.connection.SctpAssociation;

/**
 * An association came up (SCTP_ASSOC_CHANGE COMM_UP), accepted by a server factory or connected by a client factory.
 * Published before any message of the association is delivered.
 *
 * @since 0.1.0
 */
public class SctpAssociationOpenedEvent extends SctpAssociationEvent {

    private static final long serialVersionUID = 1L;

    private final int outboundStreams;
    private final int inboundStreams;

    /**
     * Creates the event.
     *
     * @param association the association
     */
    public SctpAssociationOpenedEvent(SctpAssociation association) {
        super(association, null);
        this.outboundStreams = association.getOutboundStreams();
        this.inboundStreams = association.getInboundStreams();
    }

    /** Returns the negotiated number of outbound streams. */
    public int getOutboundStreams() {
        return outboundStreams;
    }

    /** Returns the negotiated number of inbound streams. */
    public int getInboundStreams() {
        return inboundStreams;
    }

    @Override
    protected String moreDetails() {
        return ", outboundStreams=" + outboundStreams + ", inboundStreams=" + inboundStreams;
    }
}
