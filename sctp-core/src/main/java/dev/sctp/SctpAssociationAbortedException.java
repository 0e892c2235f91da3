package dev.sctp;

/**
 * The association is gone: the peer (or this side) aborted it, or it was lost after too many retransmissions.
 * Raised for ECONNRESET, EPIPE and ECONNABORTED, and for a send on an association that is already aborted.
 */
public class SctpAssociationAbortedException extends SctpException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the whole message
     * @param operation the failing call
     * @param errno the errno value
     */
    public SctpAssociationAbortedException(String message, String operation, int errno) {
        super(message, operation, errno);
    }
}
