package dev.sctp.internal.linux;

import java.nio.channels.ClosedChannelException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The owner of one file descriptor: it counts the system calls in flight and closes the fd after the last one.
 *
 * <p>Internal usage only. Every system call on the fd runs between {@link #acquire()} and {@link #release()}, so
 * {@link #close()} from another thread can never let the number be reused by a new socket while a call still
 * uses it (the fd-reuse race Netty and Go guard against the same way).
 */
public final class FileDescriptor {

    private static final AtomicInteger OPEN = new AtomicInteger();

    private final int fd;
    private final Runnable onClose;
    // refs * 2, plus 1 once close() was called.
    private final AtomicInteger state = new AtomicInteger();

    /**
     * Takes ownership of {@code fd}.
     *
     * @param onClose runs once, right before close(2), after the last call in flight has finished
     */
    public FileDescriptor(int fd, Runnable onClose) {
        if (fd < 0) {
            throw new IllegalArgumentException("invalid fd " + fd);
        }
        this.fd = fd;
        this.onClose = onClose;
        OPEN.incrementAndGet();
    }

    /** Returns the fd number; only valid between {@link #acquire()} and {@link #release()}. */
    public int fd() {
        return fd;
    }

    /**
     * Marks one system call in flight and returns the fd.
     *
     * @throws ClosedChannelException if {@link #close()} was called
     */
    public int acquire() throws ClosedChannelException {
        for (;;) {
            int s = state.get();
            if ((s & 1) != 0) {
                throw new ClosedChannelException();
            }
            if (state.compareAndSet(s, s + 2)) {
                return fd;
            }
        }
    }

    /** Ends a call started with {@link #acquire()}. */
    public void release() {
        if (state.addAndGet(-2) == 1) {
            finalClose();
        }
    }

    /** Returns whether {@link #close()} was called. */
    public boolean isClosed() {
        return (state.get() & 1) != 0;
    }

    /**
     * Closes the fd now, or when the last call in flight ends. Returns {@code true} for the call that closed it;
     * later calls do nothing and return {@code false}.
     */
    public boolean close() {
        for (;;) {
            int s = state.get();
            if ((s & 1) != 0) {
                return false;
            }
            if (state.compareAndSet(s, s | 1)) {
                if (s == 0) {
                    finalClose();
                }
                return true;
            }
        }
    }

    private void finalClose() {
        try {
            onClose.run();
        } finally {
            // close(2) releases the fd even when it reports an error (man 2 close), so it is never retried.
            LibC.close(fd);
            OPEN.decrementAndGet();
        }
    }

    /** Returns how many fds this library owns and has not closed yet, for leak tests. */
    public static int openCount() {
        return OPEN.get();
    }

    @Override
    public String toString() {
        return "fd " + fd + (isClosed() ? " (closed)" : "");
    }
}
