package dev.sctp.integration.connection;

/**
 * Why an {@link SctpAssociation} ended.
 *
 * @since 0.1.0
 */
public enum CloseReason {

    /** The association was shut down gracefully (SHUTDOWN completed), by either side. */
    SHUTDOWN,

    /** This side closed the association without waiting for the shutdown handshake to be observed. */
    CLOSED,

    /** This side aborted the association (ABORT sent, queued data dropped). */
    ABORTED,

    /** The peer aborted the association, or it was lost after too many retransmissions (COMM_LOST). */
    LOST,

    /** Reading or writing failed in a way that ended the association. */
    FAILED;

    /** Returns whether the association ended gracefully ({@link #SHUTDOWN} or {@link #CLOSED}). */
    public boolean isGraceful() {
        return this == SHUTDOWN || this == CLOSED;
    }
}
