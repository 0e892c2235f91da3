package dev.sctp.integration.event;

import dev.sctp.integration.connection.CloseReason;
import dev.sctp.integration.connection.SctpAssociation;
import org.jspecify.annotations.Nullable;

/**
 * An association ended abnormally: the peer aborted it or it was lost (SCTP_ASSOC_CHANGE COMM_LOST), this side
 * aborted it, or reading failed.
 *
 * @since 0.1.0
 */
public class SctpAssociationLostEvent extends SctpAssociationEvent {

    private static final long serialVersionUID = 1L;

    private final CloseReason reason;
    private final int errorCause;

    /**
     * Creates the event.
     *
     * @param association the association
     * @param reason {@link CloseReason#LOST}, {@link CloseReason#ABORTED} or {@link CloseReason#FAILED}
     * @param errorCause the SCTP error cause code reported with COMM_LOST, or 0
     * @param cause the failure, if any
     */
    public SctpAssociationLostEvent(SctpAssociation association, CloseReason reason, int errorCause,
            @Nullable Throwable cause) {
        super(association, cause);
        this.reason = reason;
        this.errorCause = errorCause;
    }

    /** Returns why the association ended. */
    public CloseReason getReason() {
        return reason;
    }

    /** Returns the SCTP error cause code (RFC 9260 section 3.3.10) of COMM_LOST, or 0. */
    public int getErrorCause() {
        return errorCause;
    }

    @Override
    protected String moreDetails() {
        return ", reason=" + reason + (errorCause != 0 ? ", errorCause=" + errorCause : "");
    }
}
