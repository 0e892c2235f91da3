package dev.sctp;

import dev.sctp.internal.linux.Errno;
import dev.sctp.internal.linux.LibC;
import dev.sctp.internal.linux.SctpConstants;
import dev.sctp.internal.linux.SockaddrCodec;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Whether this JVM can use kernel SCTP, probed once: the platform must be one whose native layouts this library
 * carries (Linux on x86_64), libc must load through JNA, and an SCTP socket must open and close.
 *
 * <p>Like Netty's {@code Epoll.isAvailable()}: call {@link #ensureAvailable()} at start-up to fail early with the
 * reason and the fix, or {@link #unavailabilityCause()} to report it (a health check does). Every socket this
 * library opens checks it first, so an unsupported platform fails with the same exception there.
 */
public final class SctpAvailability {

    /** The {@code os.arch} values whose struct layouts this library carries (x86_64, as Java names it). */
    static final String SUPPORTED_ARCHITECTURES = "amd64 (x86_64)";

    private static final String PROBE = "socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP)";

    private static volatile @Nullable Throwable cause;
    private static volatile boolean probed;

    private SctpAvailability() {
    }

    /** Returns whether kernel SCTP works here. */
    public static boolean isAvailable() {
        return unavailabilityCause() == null;
    }

    /**
     * Returns why kernel SCTP is unavailable, always a {@link SctpUnavailableException} (its cause is the JNA failure
     * when libc could not be loaded), or {@code null} when it works.
     */
    public static @Nullable Throwable unavailabilityCause() {
        if (!probed) {
            synchronized (SctpAvailability.class) {
                if (!probed) {
                    Throwable c = probe();
                    cause = c;
                    // A probe that failed for want of resources (EMFILE, ENOMEM...) says nothing about SCTP: ask again
                    // next time instead of reporting SCTP unavailable for the life of the JVM.
                    probed = !(c instanceof SctpUnavailableException e && isTransient(e.errno()));
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
            // A fresh exception per call, so each caller's stack trace shows where it failed.
            SctpUnavailableException copy = new SctpUnavailableException(e.getMessage(), e.operation(), e.errno());
            copy.initCause(e.getCause() != null ? e.getCause() : e);
            throw copy;
        }
        if (t != null) {
            throw jnaFailure(t);
        }
    }

    private static @Nullable Throwable probe() {
        SctpUnavailableException platform = checkPlatform(System.getProperty("os.name", ""),
                System.getProperty("os.arch", ""));
        if (platform != null) {
            return platform;
        }
        try {
            int fd = LibC.socket(SockaddrCodec.AF_INET, SctpConstants.SOCK_STREAM | SctpConstants.SOCK_CLOEXEC,
                    SctpConstants.IPPROTO_SCTP);
            if (fd >= 0) {
                LibC.close(fd);
                return null;
            }
            int errno = LibC.errno();
            if (isTransient(errno)) {
                return new SctpUnavailableException(PROBE + " failed: " + Errno.describe(errno) + "; the check for"
                        + " kernel SCTP could not open a socket, which says nothing about SCTP itself: free file"
                        + " descriptors or memory (ulimit -n, the process's limits) and check again", PROBE, errno);
            }
            return Errno.unavailable(PROBE, errno);
        } catch (LinkageError e) {
            return jnaFailure(e);
        }
    }

    /** Returns whether a probe's {@code socket(2)} failure is about resources rather than SCTP itself. */
    static boolean isTransient(int errno) {
        return errno != 0 && !Errno.meansSocketRefused(errno);
    }

    /**
     * Returns why this library cannot run on the platform {@code osName}/{@code osArch} (the {@code os.name} and
     * {@code os.arch} properties), or null when it can. The struct layouts it reads and writes natively (msghdr,
     * cmsghdr, epoll_event, the socket option structs) are those of Linux on x86_64; other architectures lay some out
     * differently (aarch64 pads epoll_event to 16 bytes where x86_64 packs it into 12).
     */
    static @Nullable SctpUnavailableException checkPlatform(String osName, String osArch) {
        if (!osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return new SctpUnavailableException("operating system '" + osName + "' is not supported: this library"
                    + " uses the Linux kernel's SCTP and runs only on Linux, architecture " + SUPPORTED_ARCHITECTURES
                    + "; on other systems use the JDK's com.sun.nio.sctp where it exists", "platform check", 0);
        }
        String arch = osArch.toLowerCase(Locale.ROOT);
        if (!arch.equals("amd64") && !arch.equals("x86_64")) {
            return new SctpUnavailableException("architecture '" + osArch + "' (os.arch) is not supported: this"
                    + " library carries the native struct layouts of Linux on " + SUPPORTED_ARCHITECTURES + " only,"
                    + " and they differ elsewhere (aarch64 pads epoll_event to 16 bytes where x86_64 packs it into"
                    + " 12), so it refuses to run rather than corrupt memory; run on an x86_64 JVM (a 64-bit x86"
                    + " machine, or an amd64 JDK under emulation)", "platform check", 0);
        }
        return null;
    }

    static SctpUnavailableException jnaFailure(Throwable t) {
        SctpUnavailableException e = new SctpUnavailableException("cannot load libc through JNA (" + t + "): the"
                + " kernel was not asked about SCTP yet. Check that the JNA jar (net.java.dev.jna:jna) on the class"
                + " path matches this platform, and that JNA can unpack its native library: the directory in"
                + " jna.tmpdir or java.io.tmpdir must be writable and not mounted noexec (set -Djna.tmpdir=... to"
                + " another one), or install JNA's native library and set -Djna.nosys=false", "load libc", 0);
        e.initCause(t);
        return e;
    }
}
