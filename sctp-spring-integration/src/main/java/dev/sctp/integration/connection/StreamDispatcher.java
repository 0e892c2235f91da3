package dev.sctp.integration.connection;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Delivers an association's messages serially within each stream and in parallel across streams, on an executor.
 *
 * <p>At most {@code capacity} messages of the association wait or run at once. When that many are pending the
 * reader blocks in {@link #dispatch}, so it stops reading and the kernel's receive window throttles the peer: memory
 * stays bounded however slow the consumer is.
 */
final class StreamDispatcher {

    private static final Log LOGGER = LogFactory.getLog(StreamDispatcher.class);

    private final Executor executor;
    private final Semaphore permits;
    private final int capacity;
    private final Map<Integer, Lane> lanes = new HashMap<>();

    StreamDispatcher(Executor executor, int capacity) {
        this.executor = executor;
        this.capacity = capacity;
        this.permits = new Semaphore(capacity);
    }

    /**
     * Queues {@code delivery} on {@code stream}'s lane, waiting while the association has {@code capacity}
     * deliveries pending.
     *
     * @return false if {@code abandoned} turned true while waiting, and nothing was queued
     */
    boolean dispatch(int stream, Runnable delivery, BooleanSupplier abandoned) throws InterruptedException {
        while (!permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
            if (abandoned.getAsBoolean()) {
                return false;
            }
        }
        Lane start = null;
        synchronized (this) {
            Lane lane = lanes.computeIfAbsent(stream, Lane::new);
            lane.queue.add(delivery);
            if (!lane.scheduled) {
                lane.scheduled = true;
                start = lane;
            }
        }
        if (start != null) {
            schedule(start);
        }
        return true;
    }

    private void schedule(Lane lane) {
        try {
            executor.execute(() -> drain(lane));
        } catch (RejectedExecutionException e) {
            // Losing the messages is worse than slowing down: deliver them on the reader's thread, which also
            // stops reading meanwhile, so the peer is throttled as when the consumer is slow.
            LOGGER.warn("The task executor rejected the delivery of stream " + lane.stream + "; delivering on the "
                    + "reader's thread instead (give the factory an executor that does not reject)", e);
            drain(lane);
        }
    }

    private void drain(Lane lane) {
        for (;;) {
            Runnable next;
            synchronized (this) {
                next = lane.queue.poll();
                if (next == null) {
                    lane.scheduled = false;
                    lanes.remove(lane.stream);
                    notifyAll();
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException | Error e) {
                LOGGER.error("Delivery of a message on stream " + lane.stream + " failed", e);
            } finally {
                permits.release();
            }
        }
    }

    /** Returns the number of messages queued or being delivered. */
    int pending() {
        return capacity - permits.availablePermits();
    }

    /** Waits until no delivery is pending or {@code timeoutMillis} passes; returns whether it is idle. */
    synchronized boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!lanes.isEmpty()) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    private static final class Lane {

        final int stream;
        final ArrayDeque<Runnable> queue = new ArrayDeque<>();
        boolean scheduled;

        Lane(int stream) {
            this.stream = stream;
        }
    }
}
