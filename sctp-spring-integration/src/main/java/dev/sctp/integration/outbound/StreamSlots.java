package dev.sctp.integration.outbound;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;
import org.springframework.messaging.Message;

/**
 * The streams of one association as request/reply slots: at most one request in flight per stream, so the reply on
 * a stream belongs to the request sent on it. A stream whose request timed out stays reserved until its late reply
 * arrives, so that reply cannot be taken for the next request's, or until the reservation expires.
 */
final class StreamSlots {

    /** A request waiting on a stream; {@code timedOut} marks one whose late reply is still expected. */
    static final class Pending {

        final CompletableFuture<Message<byte[]>> reply = new CompletableFuture<>();
        final boolean fromPool;
        volatile boolean timedOut;
        /** Set by whoever frees the stream: the reply, the timed-out caller or the expiry, whichever is first. */
        final AtomicBoolean released = new AtomicBoolean();

        Pending(boolean fromPool) {
            this.fromPool = fromPool;
        }
    }

    private final int streams;
    private final Semaphore[] locks;
    private final LinkedBlockingDeque<Integer> free = new LinkedBlockingDeque<>();
    /** The request waiting on each stream, by stream id: an array, so registering one allocates no map entry. */
    private final AtomicReferenceArray<Pending> pending;

    StreamSlots(int streams) {
        this.streams = streams;
        this.locks = new Semaphore[streams];
        this.pending = new AtomicReferenceArray<>(streams);
        for (int i = 0; i < streams; i++) {
            locks[i] = new Semaphore(1);
            free.add(i);
        }
    }

    int streams() {
        return streams;
    }

    /** Takes any free stream, waiting up to {@code timeoutMillis}; returns -1 on timeout. */
    int acquireAny(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        Integer stream = free.pollFirst(timeoutMillis, TimeUnit.MILLISECONDS);
        if (stream == null) {
            return -1;
        }
        if (!locks[stream].tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            free.addLast(stream);
            return -1;
        }
        return stream;
    }

    /** Takes {@code stream} itself, waiting up to {@code timeoutMillis}. */
    boolean acquire(int stream, long timeoutMillis) throws InterruptedException {
        return locks[stream].tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    Pending register(int stream, boolean fromPool) {
        Pending p = new Pending(fromPool);
        pending.set(stream, p);
        return p;
    }

    /** Completes the request waiting on {@code stream}; returns false if none was (an unsolicited message). */
    boolean complete(int stream, Message<byte[]> reply) {
        Pending p = pending.getAndSet(stream, null);
        if (p == null) {
            return false;
        }
        if (p.timedOut) {
            release(stream, p); // the late reply: the reservation ends, the reply is unsolicited
            return false;
        }
        return p.reply.complete(reply);
    }

    /**
     * Frees {@code stream} after its reply came, or keeps it reserved when the request timed out; returns true in
     * that case, and the caller {@linkplain #expire expires} the reservation later. The reply, this call and the
     * expiry may race: {@link Pending#released} lets exactly one of them free the stream.
     */
    boolean done(int stream, Pending p) {
        if (p.reply.isDone() && !p.reply.isCompletedExceptionally()) {
            release(stream, p);
            return false;
        } else if (p.timedOut && pending.get(stream) == p) {
            return true; // stays reserved until the late reply comes (see complete) or the reservation expires
        } else {
            pending.compareAndSet(stream, p, null);
            release(stream, p);
            return false;
        }
    }

    /**
     * Ends the reservation of {@code stream} for the late reply of {@code p} if that reply has not come; returns
     * whether it did. A peer that never answers then costs the stream for a while, not for the association's life.
     */
    boolean expire(int stream, Pending p) {
        if (pending.compareAndSet(stream, p, null)) {
            release(stream, p);
            return true;
        }
        return false;
    }

    /** Frees the stream of {@code p}, once whoever calls. */
    private void release(int stream, Pending p) {
        if (p.released.compareAndSet(false, true)) {
            locks[stream].release();
            if (p.fromPool) {
                free.addLast(stream);
            }
        }
    }

    /** Returns the number of streams with a request in flight or held for a late reply. */
    int inUse() {
        int used = 0;
        for (Semaphore lock : locks) {
            used += 1 - lock.availablePermits();
        }
        return used;
    }

    /** Returns the number of streams reserved for late replies. */
    int reservedForLateReplies() {
        int reserved = 0;
        for (int i = 0; i < streams; i++) {
            Pending p = pending.get(i);
            if (p != null && p.timedOut) {
                reserved++;
            }
        }
        return reserved;
    }

    /** Fails every waiting request with {@code cause}. */
    void failAll(Exception cause) {
        for (int i = 0; i < streams; i++) {
            Pending p = pending.getAndSet(i, null);
            if (p != null) {
                p.reply.completeExceptionally(cause);
            }
        }
    }

    @Nullable Pending pending(int stream) {
        return pending.get(stream);
    }
}
