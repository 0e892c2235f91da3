package dev.sctp.internal.linux;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.nio.Buffer;

/**
 * The libc system calls this library uses, bound with JNA direct mapping.
 *
 * <p>Internal usage only. Arguments are {@code int} and {@code long} (raw addresses), and one direct
 * {@link Buffer} in {@link #memmove}, so a call costs no allocation and no type mapping. A negative return means
 * failure; read the cause once with {@link #errno()}.
 * No libsctp: bindx, connectx and the address lists are socket options (see {@link SctpConstants}).
 */
public final class LibC {

    static {
        Native.register(LibC.class, NativeLibrary.getInstance("c"));
    }

    private LibC() {
    }

    /** Returns errno of this thread's last failing call (JNA saves it right after every native call). */
    public static int errno() {
        return Native.getLastError();
    }

    /** socket(2). */
    public static native int socket(int domain, int type, int protocol);

    /** bind(2). */
    public static native int bind(int fd, long addr, int addrlen);

    /** listen(2). */
    public static native int listen(int fd, int backlog);

    /** accept4(2); {@code addr} and {@code addrlen} may be 0. */
    public static native int accept4(int fd, long addr, long addrlen, int flags);

    /** connect(2). */
    public static native int connect(int fd, long addr, int addrlen);

    /** setsockopt(2). */
    public static native int setsockopt(int fd, int level, int optname, long optval, int optlen);

    /** getsockopt(2); {@code optlen} points to a {@code socklen_t}. */
    public static native int getsockopt(int fd, int level, int optname, long optval, long optlen);

    /** getsockname(2). */
    public static native int getsockname(int fd, long addr, long addrlen);

    /** getpeername(2). */
    public static native int getpeername(int fd, long addr, long addrlen);

    /** sendmsg(2). */
    public static native long sendmsg(int fd, long msghdr, int flags);

    /** recvmsg(2). */
    public static native long recvmsg(int fd, long msghdr, int flags);

    /** recvmmsg(2); {@code timeout} 0 for none (the fd is non-blocking, so the call never waits). */
    public static native int recvmmsg(int fd, long msgvec, int vlen, int flags, long timeout);

    /** sendmmsg(2). */
    public static native int sendmmsg(int fd, long msgvec, int vlen, int flags);

    /** shutdown(2). */
    public static native int shutdown(int fd, int how);

    /** close(2). */
    public static native int close(int fd);

    /** read(2). */
    public static native long read(int fd, long buf, long count);

    /** write(2). */
    public static native long write(int fd, long buf, long count);

    /** epoll_create1(2). */
    public static native int epoll_create1(int flags);

    /** epoll_ctl(2). */
    public static native int epoll_ctl(int epfd, int op, int fd, long event);

    /** epoll_wait(2). */
    public static native int epoll_wait(int epfd, long events, int maxevents, int timeout);

    /** eventfd(2). */
    public static native int eventfd(int initval, int flags);

    /** strerror(3); used only to build exception messages, never on a success path. */
    public static native String strerror(int errnum);

    /** malloc(3). */
    public static native long malloc(long size);

    /**
     * memmove(3). With a direct buffer as {@code dst} and {@code n} 0 it copies nothing and returns the address of
     * {@code dst}'s position (JNA passes a direct buffer as that address), allocating nothing on the Java heap.
     */
    public static native long memmove(Buffer dst, long src, long n);

    /** free(3). */
    public static native void free(long ptr);
}
