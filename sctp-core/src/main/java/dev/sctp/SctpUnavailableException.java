package dev.sctp;

/**
 * The running kernel has no SCTP: {@code socket(..., IPPROTO_SCTP)} failed with EPROTONOSUPPORT or
 * ESOCKTNOSUPPORT. The message says how to fix it.
 */
public class SctpUnavailableException extends SctpException {

    private static final long serialVersionUID = 1L;

    /** How to make kernel SCTP available, appended to every message. */
    public static final String FIX = "kernel SCTP is unavailable: load it with `modprobe sctp`, check that it is"
            + " not blacklisted (/etc/modprobe.d), or run the tests with scripts/test";

    /**
     * Creates the exception.
     *
     * @param detail what failed, such as {@code socket failed: EPROTONOSUPPORT (Protocol not supported)}
     */
    public SctpUnavailableException(String detail) {
        super(detail + "; " + FIX, "socket", 93);
    }
}
