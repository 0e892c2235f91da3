package dev.sctp.internal.linux;

import dev.sctp.SctpAssociationAbortedException;
import dev.sctp.SctpException;
import dev.sctp.SctpUnavailableException;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.nio.channels.ClosedChannelException;

/**
 * errno values (asm-generic/errno-base.h, asm-generic/errno.h) and the one table that turns them into exceptions.
 *
 * <p>Internal usage only. EAGAIN never reaches this table: the callers park on the poller instead.
 */
public final class Errno {

    /** {@code EPERM} = 1 (asm-generic/errno-base.h). */
    public static final int EPERM = 1;
    /** {@code ENOENT} = 2 (asm-generic/errno-base.h). */
    public static final int ENOENT = 2;
    /** {@code EINTR} = 4 (asm-generic/errno-base.h). */
    public static final int EINTR = 4;
    /** {@code EIO} = 5 (asm-generic/errno-base.h). */
    public static final int EIO = 5;
    /** {@code EBADF} = 9 (asm-generic/errno-base.h). */
    public static final int EBADF = 9;
    /** {@code EAGAIN} = 11 (asm-generic/errno-base.h). */
    public static final int EAGAIN = 11;
    /** {@code ENOMEM} = 12 (asm-generic/errno-base.h). */
    public static final int ENOMEM = 12;
    /** {@code EACCES} = 13 (asm-generic/errno-base.h). */
    public static final int EACCES = 13;
    /** {@code EFAULT} = 14 (asm-generic/errno-base.h). */
    public static final int EFAULT = 14;
    /** {@code EBUSY} = 16 (asm-generic/errno-base.h). */
    public static final int EBUSY = 16;
    /** {@code EEXIST} = 17 (asm-generic/errno-base.h). */
    public static final int EEXIST = 17;
    /** {@code EINVAL} = 22 (asm-generic/errno-base.h). */
    public static final int EINVAL = 22;
    /** {@code ENFILE} = 23 (asm-generic/errno-base.h). */
    public static final int ENFILE = 23;
    /** {@code EMFILE} = 24 (asm-generic/errno-base.h). */
    public static final int EMFILE = 24;
    /** {@code ENOSPC} = 28 (asm-generic/errno-base.h). */
    public static final int ENOSPC = 28;
    /** {@code EPIPE} = 32 (asm-generic/errno-base.h). */
    public static final int EPIPE = 32;
    /** {@code ENOTSOCK} = 88 (asm-generic/errno.h). */
    public static final int ENOTSOCK = 88;
    /** {@code EDESTADDRREQ} = 89 (asm-generic/errno.h). */
    public static final int EDESTADDRREQ = 89;
    /** {@code EMSGSIZE} = 90 (asm-generic/errno.h). */
    public static final int EMSGSIZE = 90;
    /** {@code EPROTOTYPE} = 91 (asm-generic/errno.h). */
    public static final int EPROTOTYPE = 91;
    /** {@code ENOPROTOOPT} = 92 (asm-generic/errno.h). */
    public static final int ENOPROTOOPT = 92;
    /** {@code EPROTONOSUPPORT} = 93 (asm-generic/errno.h). */
    public static final int EPROTONOSUPPORT = 93;
    /** {@code ESOCKTNOSUPPORT} = 94 (asm-generic/errno.h). */
    public static final int ESOCKTNOSUPPORT = 94;
    /** {@code EOPNOTSUPP} = 95 (asm-generic/errno.h). */
    public static final int EOPNOTSUPP = 95;
    /** {@code EAFNOSUPPORT} = 97 (asm-generic/errno.h). */
    public static final int EAFNOSUPPORT = 97;
    /** {@code EADDRINUSE} = 98 (asm-generic/errno.h). */
    public static final int EADDRINUSE = 98;
    /** {@code EADDRNOTAVAIL} = 99 (asm-generic/errno.h). */
    public static final int EADDRNOTAVAIL = 99;
    /** {@code ENETDOWN} = 100 (asm-generic/errno.h). */
    public static final int ENETDOWN = 100;
    /** {@code ENETUNREACH} = 101 (asm-generic/errno.h). */
    public static final int ENETUNREACH = 101;
    /** {@code ECONNABORTED} = 103 (asm-generic/errno.h). */
    public static final int ECONNABORTED = 103;
    /** {@code ECONNRESET} = 104 (asm-generic/errno.h). */
    public static final int ECONNRESET = 104;
    /** {@code ENOBUFS} = 105 (asm-generic/errno.h). */
    public static final int ENOBUFS = 105;
    /** {@code EISCONN} = 106 (asm-generic/errno.h). */
    public static final int EISCONN = 106;
    /** {@code ENOTCONN} = 107 (asm-generic/errno.h). */
    public static final int ENOTCONN = 107;
    /** {@code ESHUTDOWN} = 108 (asm-generic/errno.h). */
    public static final int ESHUTDOWN = 108;
    /** {@code ETIMEDOUT} = 110 (asm-generic/errno.h). */
    public static final int ETIMEDOUT = 110;
    /** {@code ECONNREFUSED} = 111 (asm-generic/errno.h). */
    public static final int ECONNREFUSED = 111;
    /** {@code EHOSTDOWN} = 112 (asm-generic/errno.h). */
    public static final int EHOSTDOWN = 112;
    /** {@code EHOSTUNREACH} = 113 (asm-generic/errno.h). */
    public static final int EHOSTUNREACH = 113;
    /** {@code EALREADY} = 114 (asm-generic/errno.h). */
    public static final int EALREADY = 114;
    /** {@code EINPROGRESS} = 115 (asm-generic/errno.h). */
    public static final int EINPROGRESS = 115;

    private static final String[] NAMES = new String[116];

    static {
        for (var field : Errno.class.getFields()) {
            if (field.getType() == int.class) {
                try {
                    NAMES[field.getInt(null)] = field.getName();
                } catch (IllegalAccessException e) {
                    throw new ExceptionInInitializerError(e);
                }
            }
        }
    }

    private Errno() {
    }

    /** Returns the symbolic name of {@code errno}, such as {@code ECONNRESET}, or {@code errno N}. */
    public static String name(int errno) {
        String name = errno >= 0 && errno < NAMES.length ? NAMES[errno] : null;
        return name != null ? name : "errno " + errno;
    }

    /** Returns {@code "ECONNRESET (Connection reset by peer)"}. */
    public static String describe(int errno) {
        String text;
        try {
            text = LibC.strerror(errno);
        } catch (RuntimeException | LinkageError e) {
            text = null;
        }
        return text == null ? name(errno) : name(errno) + " (" + text + ")";
    }

    /** Returns whether {@code errno} means the kernel has no SCTP. */
    public static boolean meansSctpUnavailable(int errno) {
        return errno == EPROTONOSUPPORT || errno == ESOCKTNOSUPPORT;
    }

    /**
     * Returns whether {@code errno}, from {@code socket(2)} for SCTP, means this process cannot use kernel SCTP at all
     * rather than that one call went wrong: no SCTP in the kernel, a security policy refusing the socket, or the
     * address family switched off.
     */
    public static boolean meansSocketRefused(int errno) {
        return meansSctpUnavailable(errno) || errno == EACCES || errno == EPERM || errno == EAFNOSUPPORT;
    }

    /**
     * Returns the exception for {@code operation}, a {@code socket(2)} call for SCTP, failing with {@code errno}: it
     * carries the errno, and its message says what the user of the library does about it.
     */
    public static SctpUnavailableException unavailable(String operation, int errno) {
        String failed = operation + " failed: " + describe(errno) + "; ";
        String message = switch (errno) {
            case EACCES, EPERM -> failed + "this process is not allowed to open SCTP sockets: a seccomp filter (a"
                    + " container runtime's profile), SELinux or AppArmor policy, or a missing capability refuses"
                    + " socket(..., IPPROTO_SCTP). Allow SCTP sockets for this process in that policy (for example"
                    + " run the container with a seccomp profile that permits them)";
            case EAFNOSUPPORT -> failed + "the kernel has this address family switched off (for IPv6: booted with"
                    + " ipv6.disable=1). Enable it, or use SctpNetwork.SCTP4 with IPv4 addresses only";
            default -> failed + SctpUnavailableException.FIX;
        };
        return new SctpUnavailableException(message, operation, errno);
    }

    /**
     * Turns a failed {@code operation} into the standard Java exception for its errno. The message names the call
     * and the errno, e.g. {@code connect failed: ECONNREFUSED (Connection refused)}.
     */
    public static IOException toException(String operation, int errno) {
        String message = operation + " failed: " + describe(errno);
        return switch (errno) {
            case EADDRINUSE, EADDRNOTAVAIL -> new BindException(message);
            case ECONNREFUSED -> new ConnectException(message);
            // The kernel's ETIMEDOUT is never a timeout of this call (those come from the poller): it means the
            // association failed because the peer stopped answering, so the socket is not usable any more.
            case ETIMEDOUT -> new SctpAssociationAbortedException(message + ": the association failed, the peer"
                    + " stopped answering and retransmissions ran out", operation, errno);
            case EHOSTUNREACH, ENETUNREACH -> new NoRouteToHostException(message);
            case ECONNRESET, EPIPE, ECONNABORTED ->
                new SctpAssociationAbortedException(message + ": the association was aborted", operation, errno);
            case EBADF -> closed();
            case EPROTONOSUPPORT, ESOCKTNOSUPPORT -> unavailable(operation, errno);
            case EACCES, EPERM, EAFNOSUPPORT -> operation.startsWith("socket")
                    ? unavailable(operation, errno) : new SctpException(message, operation, errno);
            default -> new SctpException(message, operation, errno);
        };
    }

    private static ClosedChannelException closed() {
        return new ClosedChannelException();
    }
}
