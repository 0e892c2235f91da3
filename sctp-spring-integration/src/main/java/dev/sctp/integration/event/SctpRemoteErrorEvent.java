package dev.sctp.integration.event;

import dev.sctp.integration.connection.SctpAssociation;
import dev.sctp.notification.RemoteError;

/**
 * The peer reported an operation error (SCTP_REMOTE_ERROR).
 *
 * @since 0.1.0
 */
public class SctpRemoteErrorEvent extends SctpAssociationEvent {

    private static final long serialVersionUID = 1L;

    private final int errorCause;
    private final byte[] data;

    /**
     * Creates the event.
     *
     * @param association the association
     * @param error the notification
     */
    public SctpRemoteErrorEvent(SctpAssociation association, RemoteError error) {
        super(association, null);
        this.errorCause = error.errorCause();
        this.data = error.data();
    }

    /** Returns the SCTP error cause code (RFC 9260 section 3.3.10). */
    public int getErrorCause() {
        return errorCause;
    }

    /** Returns a copy of the cause-specific information. */
    public byte[] getData() {
        return data.clone();
    }

    @Override
    protected String moreDetails() {
        return ", errorCause=" + errorCause;
    }
}
