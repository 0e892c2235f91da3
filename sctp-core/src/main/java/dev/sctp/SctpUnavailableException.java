package dev.sctp;

/**
 * Kernel SCTP cannot be used from this JVM: the kernel has no SCTP ({@code EPROTONOSUPPORT},
 * {@code ESOCKTNOSUPPORT}), the process may not open SCTP sockets ({@code EACCES}, {@code EPERM}), the address family
 * is off ({@code EAFNOSUPPORT}), or the platform is not one this library supports. {@link #errno()} is the errno the
 * kernel returned, or 0 when no system call failed (an unsupported platform, or JNA failing to load). The message
 * says what failed and what to do about it.
 */
public class SctpUnavailableException extends SctpException {

    private static final long serialVersionUID = 1L;

    /** How to make kernel SCTP available when the kernel lacks it; appended to the message of that case. */
    public static final String FIX = "kernel SCTP is unavailable: load the sctp module as root with `modprobe sctp`"
            + " (list it in /etc/modules-load.d to load it at boot), check that no file in /etc/modprobe.d blacklists"
            + " it (`grep -r sctp /etc/modprobe.d`), and if the module is missing install your kernel's extra modules"
            + " (Debian/Ubuntu: linux-modules-extra-$(uname -r) where it exists; Fedora/RHEL: kernel-modules-extra);"
            + " in a container, load it on the host";

    /**
     * Creates the exception for a kernel without SCTP, with errno 0; {@link #FIX} is appended to {@code detail}.
     *
     * @param detail what failed, such as {@code socket failed: EPROTONOSUPPORT (Protocol not supported)}
     */
    public SctpUnavailableException(String detail) {
        this(detail + "; " + FIX, "socket", 0);
    }

    /**
     * Creates the exception with a complete message.
     *
     * @param message what failed and what to do about it
     * @param operation the failing call, such as {@code socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP)}
     * @param errno the errno the call failed with, or 0 when no system call failed
     */
    public SctpUnavailableException(String message, String operation, int errno) {
        super(message, operation, errno);
    }
}
