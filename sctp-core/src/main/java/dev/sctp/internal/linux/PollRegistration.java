package dev.sctp.internal.linux;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * One fd's membership in the {@link EpollPoller}: readiness counters and the threads parked on them.
 *
 * <p>Internal usage only. The fd is registered edge-triggered for input once, for its whole life; output readiness
 * is watched only from the first wait for it until {@link #disarmWritable()} (a send that went through). A caller
 * reads the counter, tries its system call and, on EAGAIN, parks until the counter moves: an edge that arrives
 * between the call and the park still moves the counter, and arming output re-checks readiness, so no wake-up is
 * lost.
 */
public final class PollRegistration {

    /** The awaited readiness arrived. */
    public static final int READY = 0;
    /** The deadline passed first. */
    public static final int TIMED_OUT = 1;
    /** The registration was cancelled because the socket is closing. */
    public static final int CLOSED = 2;
    /** The waiting thread was interrupted. */
    public static final int INTERRUPTED = 3;

    /** Only a re-check slice ended (see {@link #awaitReadableSlice}); the deadline has not passed. */
    public static final int RECHECK = 4;

    /** No deadline. */
    public static final long NO_DEADLINE = Long.MAX_VALUE;

    private static final VarHandle READ_SEQ;
    private static final VarHandle WRITE_SEQ;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            READ_SEQ = lookup.findVarHandle(PollRegistration.class, "readSeq", int.class);
            WRITE_SEQ = lookup.findVarHandle(PollRegistration.class, "writeSeq", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final int slot;
    final int generation;
    volatile EpollPoller.Loop loop;
    private final EpollPoller poller;
    private final int fd;
    private volatile int readSeq;
    private volatile int writeSeq;
    private volatile Thread reader;
    private volatile Thread writer;
    private volatile boolean cancelled;
    private volatile long readDeadline = NO_DEADLINE;
    private volatile long writeDeadline = NO_DEADLINE;
    // Whether EPOLLOUT is in the epoll interest set; changed only under this object's monitor.
    private volatile boolean writeArmed;

    PollRegistration(EpollPoller poller, int fd, int slot, int generation) {
        this.poller = poller;
        this.fd = fd;
        this.slot = slot;
        this.generation = generation;
    }

    /** Returns the read-readiness counter; take it before the system call that may return EAGAIN. */
    public int readSeq() {
        return readSeq;
    }

    /** Returns the write-readiness counter; take it before the system call that may return EAGAIN. */
    public int writeSeq() {
        return writeSeq;
    }

    /**
     * Parks until input readiness arrives after {@code seq} was read, the deadline passes, the registration is
     * cancelled, or the thread is interrupted; returns which of those happened.
     *
     * @param deadline a {@link System#nanoTime()} value, or {@link #NO_DEADLINE}
     */
    public int awaitReadable(int seq, long deadline) {
        Thread self = Thread.currentThread();
        reader = self;
        try {
            return await(true, seq, deadline, self);
        } finally {
            reader = null;
        }
    }

    /**
     * Like {@link #awaitReadable}, for output readiness, which it first adds to the epoll interest set; it stays
     * there until {@link #disarmWritable()}.
     */
    public int awaitWritable(int seq, long deadline) {
        if (!writeArmed && armWritable() != 0) {
            if (cancelled) {
                return CLOSED;
            }
            // Only ENOMEM can get here: poll briefly instead of waiting for an edge that would never come.
            LockSupport.parkNanos(this, 1_000_000L);
            return READY;
        }
        Thread self = Thread.currentThread();
        writer = self;
        try {
            return await(false, seq, deadline, self);
        } finally {
            writer = null;
        }
    }

    /**
     * Like {@link #awaitReadable}, but returns {@link #RECHECK} after at most {@code sliceNanos}, so the caller can
     * check a condition that the kernel changes without raising readiness and then wait again.
     */
    public int awaitReadableSlice(int seq, long deadline, long sliceNanos) {
        return awaitSlice(true, seq, deadline, sliceNanos);
    }

    /** Like {@link #awaitReadableSlice}, for output readiness. */
    public int awaitWritableSlice(int seq, long deadline, long sliceNanos) {
        return awaitSlice(false, seq, deadline, sliceNanos);
    }

    private int awaitSlice(boolean read, int seq, long deadline, long sliceNanos) {
        long limit = Math.min(deadline, read ? readDeadline : writeDeadline);
        long now = System.nanoTime();
        long slice = limit - now > sliceNanos ? now + sliceNanos : limit;
        int status = read ? awaitReadable(seq, slice) : awaitWritable(seq, slice);
        if (status == TIMED_OUT && slice != limit) {
            return RECHECK;
        }
        return status;
    }

    /**
     * Sets the absolute read deadline that every wait for input also honours, and wakes waiting threads so they
     * re-check it; {@link #NO_DEADLINE} removes it.
     */
    public void setReadDeadline(long deadline) {
        readDeadline = deadline;
        wakeAll();
    }

    /** Like {@link #setReadDeadline}, for output. */
    public void setWriteDeadline(long deadline) {
        writeDeadline = deadline;
        wakeAll();
    }

    /** Returns the absolute read deadline, or {@link #NO_DEADLINE}. */
    public long readDeadline() {
        return readDeadline;
    }

    /** Returns the absolute write deadline, or {@link #NO_DEADLINE}. */
    public long writeDeadline() {
        return writeDeadline;
    }

    private int await(boolean read, int seq, long operationDeadline, Thread self) {
        for (;;) {
            if ((read ? readSeq : writeSeq) != seq) {
                return READY;
            }
            // Re-read on every turn: another thread may move the deadline while this one is parked.
            long deadline = Math.min(operationDeadline, read ? readDeadline : writeDeadline);
            if (cancelled) {
                return CLOSED;
            }
            if (self.isInterrupted()) {
                return INTERRUPTED;
            }
            if (deadline == NO_DEADLINE) {
                LockSupport.park(this);
            } else {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return TIMED_OUT;
                }
                LockSupport.parkNanos(this, remaining);
            }
        }
    }

    /** Adds output readiness to the epoll interest set; returns 0 or a negative errno. */
    synchronized int armWritable() {
        if (writeArmed) {
            return 0;
        }
        int r = poller.modify(this, fd, true);
        if (r == 0) {
            writeArmed = true;
        }
        return r;
    }

    /**
     * Removes output readiness from the epoll interest set, after a send that needed it went through, so that the
     * SACKs of later sends do not wake the poller.
     */
    public synchronized void disarmWritable() {
        if (writeArmed && !cancelled) {
            // On failure (the fd is being deregistered) it stays armed, which costs only spurious wake-ups.
            if (poller.modify(this, fd, false) == 0) {
                writeArmed = false;
            }
        }
    }

    /** Returns whether output readiness is in the epoll interest set. */
    public boolean isWriteArmed() {
        return writeArmed;
    }

    void readReady() {
        READ_SEQ.getAndAdd(this, 1);
        Thread t = reader;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    void writeReady() {
        WRITE_SEQ.getAndAdd(this, 1);
        Thread t = writer;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Wakes every parked thread with {@link #CLOSED}, now and in every later wait; idempotent. */
    public void cancel() {
        cancelled = true;
        wakeAll();
    }

    /**
     * Removes the fd from epoll and frees the slot. Call it exactly once, while the fd is still open: the fd's
     * owner does so right before close(2), so the number cannot have been reused by another socket yet.
     */
    public void deregister() {
        cancel();
        poller.deregister(this, fd);
    }

    /** Wakes parked threads so they re-check their deadline, for example after a deadline was changed. */
    public void wakeAll() {
        Thread t = reader;
        if (t != null) {
            LockSupport.unpark(t);
        }
        t = writer;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Returns whether {@link #cancel()} was called. */
    public boolean isCancelled() {
        return cancelled;
    }
}
