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
    private final byte @Nullable [] userAbortReason;

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
        this(association, reason, errorCause, null, cause);
    }

    /**
     * Creates the event for an association the peer aborted with a reason.
     *
     * @param association the association
     * @param reason {@link CloseReason#LOST}, {@link CloseReason#ABORTED} or {@link CloseReason#FAILED}
     * @param errorCause the SCTP error cause code reported with COMM_LOST, or 0
     * @param userAbortReason the value of the peer's User-Initiated Abort cause, if it sent one
     * @param cause the failure, if any
     */
    public SctpAssociationLostEvent(SctpAssociation association, CloseReason reason, int errorCause,
            byte @Nullable [] userAbortReason, @Nullable Throwable cause) {
        super(association, cause);
        this.reason = reason;
        this.errorCause = errorCause;
        this.userAbortReason = userAbortReason == null ? null : userAbortReason.clone();
    }

    /** Returns why the association ended. */
    public CloseReason getReason() {
        return reason;
    }

    /** Returns the SCTP error cause code (RFC 9260 section 3.3.10) of COMM_LOST, or 0. */
    public int getErrorCause() {
        return errorCause;
    }

    /**
     * Returns a copy of the reason the peer's application gave when it aborted the association (the User-Initiated
     * Abort cause, error cause 12, of its ABORT: in C, a send with the {@code SCTP_ABORT} flag and the reason as
     * data), or {@code null} if it gave none. The bytes come from the peer: treat them as untrusted.
     */
    public byte @Nullable [] getUserAbortReason() {
        return userAbortReason == null ? null : userAbortReason.clone();
    }

    @Override
    protected String moreDetails() {
        // the reason's length only: its bytes are the peer's, and events end up in logs
        return ", reason=" + reason + (errorCause != 0 ? ", errorCause=" + errorCause : "")
                + (userAbortReason != null ? ", userAbortReason=" + userAbortReason.length + " bytes" : "");
    }
}
