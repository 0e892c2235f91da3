package dev.sctp;

import dev.sctp.internal.linux.Errno;
import dev.sctp.internal.linux.LibC;
import dev.sctp.internal.linux.SctpConstants;
import dev.sctp.internal.linux.SockaddrCodec;
import org.jspecify.annotations.Nullable;

/**
 * Whether this JVM can use kernel SCTP, probed once by opening and closing an SCTP socket.
 *
 * <p>Like Netty's {@code Epoll.isAvailable()}: call {@link #ensureAvailable()} at start-up to fail early with the
 * reason and the fix, or {@link #unavailabilityCause()} to report it (a health check does).
 */
public final class SctpAvailability {

    private static volatile @Nullable Throwable cause;
    private static volatile boolean probed;

    private SctpAvailability() {
    }

    /** Returns whether kernel SCTP works here. */
    public static boolean isAvailable() {
        return unavailabilityCause() == null;
    }

    /**
     * Returns why kernel SCTP is unavailable ({@link SctpUnavailableException} when the kernel lacks it, or the
     * failure to load libc through JNA), or {@code null} when it works.
     */
    public static @Nullable Throwable unavailabilityCause() {
        if (!probed) {
            synchronized (SctpAvailability.class) {
                if (!probed) {
                    cause = probe();
                    probed = true;
                }
            }
        }
        return cause;
    }

    /**
     * Throws when kernel SCTP is unavailable.
     *
     * @throws SctpUnavailableException with the reason and how to fix it
     */
    public static void ensureAvailable() throws SctpUnavailableException {
        Throwable t = unavailabilityCause();
        if (t instanceof SctpUnavailableException e) {
            throw e;
        }
        if (t != null) {
            SctpUnavailableException e = new SctpUnavailableException("cannot call libc through JNA: " + t);
            e.initCause(t);
            throw e;
        }
    }

    private static @Nullable Throwable probe() {
        try {
            int fd = LibC.socket(SockaddrCodec.AF_INET, SctpConstants.SOCK_STREAM | SctpConstants.SOCK_CLOEXEC,
                    SctpConstants.IPPROTO_SCTP);
            if (fd >= 0) {
                LibC.close(fd);
                return null;
            }
            int errno = LibC.errno();
            if (Errno.meansSctpUnavailable(errno)) {
                return new SctpUnavailableException(
                        "socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP) failed: " + Errno.describe(errno));
            }
            return Errno.toException("socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP)", errno);
        } catch (LinkageError e) {
            return e;
        }
    }
}
