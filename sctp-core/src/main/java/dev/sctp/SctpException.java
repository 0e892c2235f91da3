package dev.sctp;

import java.net.SocketException;

/**
 * A failed SCTP system call that has no more specific standard exception; it carries the errno and the call.
 *
 * <p>Errors with a standard meaning use the standard types instead: {@link java.net.BindException},
 * {@link java.net.ConnectException}, {@link java.net.SocketTimeoutException},
 * {@link java.net.NoRouteToHostException} and {@link java.nio.channels.ClosedChannelException}.
 */
public class SctpException extends SocketException {

    private static final long serialVersionUID = 1L;

    /** The failing call. */
    private final String operation;
    /** The errno value, or 0. */
    private final int errno;

    /**
     * Creates an exception for {@code operation} failing with {@code errno}.
     *
     * @param message the whole message, naming the call and the errno
     * @param operation the failing call, such as {@code sendmsg}
     * @param errno the errno value, or 0 when the failure was detected without a system call
     */
    public SctpException(String message, String operation, int errno) {
        super(message);
        this.operation = operation;
        this.errno = errno;
    }

    /** Returns the failing call, such as {@code sendmsg} or {@code setsockopt(SCTP_INITMSG)}. */
    public String operation() {
        return operation;
    }

    /** Returns the errno value, or 0 when the failure was detected without a system call. */
    public int errno() {
        return errno;
    }
}
