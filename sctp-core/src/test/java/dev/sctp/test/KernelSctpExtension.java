package dev.sctp.test;

import dev.sctp.SctpUnavailableException;
import dev.sctp.internal.linux.Errno;
import dev.sctp.internal.linux.LibC;
import dev.sctp.internal.linux.SctpConstants;
import dev.sctp.internal.linux.SockaddrCodec;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Probes {@code socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP)} once per JVM and fails the test class with the fix when
 * the kernel has no SCTP.
 */
public final class KernelSctpExtension implements BeforeAllCallback {

    private static volatile String unavailable;
    private static volatile boolean probed;

    @Override
    public void beforeAll(ExtensionContext context) {
        String reason = probe();
        if (reason != null) {
            throw new AssertionError(reason);
        }
    }

    /** Returns why kernel SCTP is unavailable, or {@code null} when it works. */
    public static synchronized String probe() {
        if (!probed) {
            int fd = LibC.socket(SockaddrCodec.AF_INET, SctpConstants.SOCK_STREAM | SctpConstants.SOCK_CLOEXEC,
                    SctpConstants.IPPROTO_SCTP);
            if (fd < 0) {
                int errno = LibC.errno();
                unavailable = "socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP) failed with " + Errno.describe(errno) + "; "
                        + SctpUnavailableException.FIX;
            } else {
                LibC.close(fd);
            }
            probed = true;
        }
        return unavailable;
    }
}
