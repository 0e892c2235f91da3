package dev.sctp.internal.linux;

import dev.sctp.SctpAssociationAbortedException;
import dev.sctp.SctpException;
import dev.sctp.SctpUnavailableException;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;

/**
 * errno values (asm-generic/errno-base.h, asm-generic/errno.h) and the one table that turns them into exceptions.
 *
 * <p>Internal usage only. EAGAIN never reaches this table: the callers park on the poller instead.
 */
public final class Errno {

    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EINTR = 4;
    public static final int EIO = 5;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EFAULT = 14;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int EINVAL = 22;
    public static final int ENFILE = 23;
    public static final int EMFILE = 24;
    public static final int ENOSPC = 28;
    public static final int EPIPE = 32;
    public static final int ENOTSOCK = 88;
    public static final int EDESTADDRREQ = 89;
    public static final int EMSGSIZE = 90;
    public static final int EPROTOTYPE = 91;
    public static final int ENOPROTOOPT = 92;
    public static final int EPROTONOSUPPORT = 93;
    public static final int ESOCKTNOSUPPORT = 94;
    public static final int EOPNOTSUPP = 95;
    public static final int EAFNOSUPPORT = 97;
    public static final int EADDRINUSE = 98;
    public static final int EADDRNOTAVAIL = 99;
    public static final int ENETDOWN = 100;
    public static final int ENETUNREACH = 101;
    public static final int ECONNABORTED = 103;
    public static final int ECONNRESET = 104;
    public static final int ENOBUFS = 105;
    public static final int EISCONN = 106;
    public static final int ENOTCONN = 107;
    public static final int ESHUTDOWN = 108;
    public static final int ETIMEDOUT = 110;
    public static final int ECONNREFUSED = 111;
    public static final int EHOSTDOWN = 112;
    public static final int EHOSTUNREACH = 113;
    public static final int EALREADY = 114;
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
     * Turns a failed {@code operation} into the standard Java exception for its errno. The message names the call
     * and the errno, e.g. {@code connect failed: ECONNREFUSED (Connection refused)}.
     */
    public static IOException toException(String operation, int errno) {
        String message = operation + " failed: " + describe(errno);
        return switch (errno) {
            case EADDRINUSE, EADDRNOTAVAIL -> new BindException(message);
            case ECONNREFUSED -> new ConnectException(message);
            case ETIMEDOUT -> new SocketTimeoutException(message);
            case EHOSTUNREACH, ENETUNREACH -> new NoRouteToHostException(message);
            case ECONNRESET, EPIPE, ECONNABORTED ->
                new SctpAssociationAbortedException(message + ": the association was aborted", operation, errno);
            case EBADF -> closed();
            case EPROTONOSUPPORT, ESOCKTNOSUPPORT -> new SctpUnavailableException(message);
            default -> new SctpException(message, operation, errno);
        };
    }

    private static ClosedChannelException closed() {
        return new ClosedChannelException();
    }
}
