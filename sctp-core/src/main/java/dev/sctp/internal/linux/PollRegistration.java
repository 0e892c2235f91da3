package dev.sctp.internal.linux;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * One fd's membership in the {@link EpollPoller}: readiness counters and the threads parked on them.
 *
 * <p>Internal usage only. The fd is registered one-shot with nothing armed. A caller reads the counter, tries its
 * system call and, on EAGAIN, waits: the wait arms the direction it needs (EPOLL_CTL_MOD, which re-checks
 * readiness, so data that arrived after the system call still raises an event) and parks until the counter moves.
 * The first event disarms the fd; the poller bumps the counters of the directions it reports and re-arms a
 * direction that another thread still waits for. A socket whose reader keeps finding messages queued therefore
 * never wakes the poller, and no wake-up is lost: an event that fired before a wait read {@link #readSeq} moves
 * the counter after it at the latest, and a wait that finds the fd disarmed arms it again.
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
    // Whether EPOLLIN / EPOLLOUT are armed (one-shot, until the next event); changed only under this object's
    // monitor, and cleared there before the poller moves a counter, so a wait never trusts an arming that has fired.
    private volatile boolean readArmed;
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
     * Arms input readiness (unless the counter already moved or it is armed) and parks until input readiness
     * arrives after {@code seq} was read, the deadline passes, the registration is cancelled, or the thread is
     * interrupted; returns which of those happened.
     *
     * @param deadline a {@link System#nanoTime()} value, or {@link #NO_DEADLINE}
     */
    public int awaitReadable(int seq, long deadline) {
        if (readSeq == seq && !readArmed && arm(true) != 0) {
            return armFailed();
        }
        Thread self = Thread.currentThread();
        reader = self;
        try {
            return await(true, seq, deadline, self);
        } finally {
            reader = null;
        }
    }

    /** Like {@link #awaitReadable}, for output readiness. */
    public int awaitWritable(int seq, long deadline) {
        if (writeSeq == seq && !writeArmed && arm(false) != 0) {
            return armFailed();
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

    private int armFailed() {
        if (cancelled) {
            return CLOSED;
        }
        // Only ENOMEM can get here: poll briefly instead of waiting for an event that would never come.
        LockSupport.parkNanos(this, 1_000_000L);
        return READY;
    }

    /** Arms input ({@code read}) or output readiness, keeping the other as it is; returns 0 or a negative errno. */
    synchronized int arm(boolean read) {
        if (cancelled) {
            // The owner may have closed the fd and another socket reused its number: epoll_ctl on it now would
            // give that socket's epoll entry this registration's token, and its events would be dropped as stale.
            return -Errno.EBADF;
        }
        if (read ? readArmed : writeArmed) {
            return 0;
        }
        boolean r = read || readArmed;
        boolean w = !read || writeArmed;
        int rc = poller.modify(this, fd, r, w);
        if (rc == 0) {
            readArmed = r;
            writeArmed = w;
        }
        return rc;
    }

    /**
     * Disarms output readiness if no event has done so yet, after a send that needed it went through (its wait may
     * have ended by deadline or by a spurious wake-up), so that the SACKs of later sends do not wake the poller.
     */
    public synchronized void disarmWritable() {
        if (writeArmed && !cancelled) {
            // On failure (the fd is being deregistered) it stays armed, which costs at most one spurious wake-up.
            if (poller.modify(this, fd, readArmed, false) == 0) {
                writeArmed = false;
            }
        }
    }

    /** Returns whether output readiness is armed: a send waits, or waited and no event has come since. */
    public boolean isWriteArmed() {
        return writeArmed;
    }

    /** Returns whether input readiness is armed: a receive or accept waits, or waited and no event has come since. */
    public boolean isReadArmed() {
        return readArmed;
    }

    /**
     * The poller saw an event, which disarmed the one-shot fd: re-arms a direction that was armed and did not
     * fire (a reader and a writer may wait at once), then moves the counters of the directions that fired.
     */
    void fired(boolean in, boolean out) {
        boolean lost = false;
        synchronized (this) {
            boolean keepRead = readArmed && !in;
            boolean keepWrite = writeArmed && !out;
            readArmed = false;
            writeArmed = false;
            if ((keepRead || keepWrite) && !cancelled) {
                if (poller.modify(this, fd, keepRead, keepWrite) == 0) {
                    readArmed = keepRead;
                    writeArmed = keepWrite;
                } else {
                    lost = true; // the waiters wake, find EAGAIN and arm again themselves
                }
            }
        }
        if (in || lost) {
            readReady();
        }
        if (out || lost) {
            writeReady();
        }
    }

    /** Moves the input counter and wakes a parked reader (also used for a spurious wake-up, see the socket). */
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
        // Under the monitor that arm(), fired() and disarmWritable() hold around epoll_ctl: once this returns, none
        // of them is half-way through one, and none starts another, so the owner may deregister and close the fd.
        synchronized (this) {
            cancelled = true;
        }
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
