package dev.sctp.integration.connection;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Delivers an association's messages serially within each stream and in parallel across streams, on an executor.
 *
 * <p>At most {@code capacity} messages of the association wait or run at once. When that many are pending the
 * reader blocks in {@link #dispatch}, so it stops reading and the kernel's receive window throttles the peer: memory
 * stays bounded however slow the consumer is.
 *
 * <p>Each stream with messages pending has a lane: a queue and the task that drains it, handed to the executor
 * when the lane starts. Dispatching allocates nothing per message: an idle lane goes back to a pool, and a lane
 * holds at least one pending message while it exists, so the pool never exceeds {@code capacity} lanes. A lane whose
 * queue grew long in a burst is not pooled, so the pool's queues stay small. The table of lanes by stream id grows to
 * the highest stream a peer used: at most 65,536 references, small beside the {@code capacity} messages a peer may
 * make the association hold.
 */
final class StreamDispatcher {

    private static final Log LOGGER = LogFactory.getLog(StreamDispatcher.class);
    /** The longest queue a pooled lane may have had. */
    private static final int POOLED_QUEUE = 16;

    private final Executor executor;
    private final Consumer<SctpReceivedMessage> delivery;
    private final Semaphore permits;
    private final int capacity;
    /** The lane of each stream with messages pending, by stream id; grows up to the highest stream seen. */
    private @Nullable Lane[] lanes = new Lane[16];
    private final ArrayDeque<Lane> idle = new ArrayDeque<>();
    private int active;

    StreamDispatcher(Executor executor, int capacity, Consumer<SctpReceivedMessage> delivery) {
        this.executor = executor;
        this.capacity = capacity;
        this.delivery = delivery;
        this.permits = new Semaphore(capacity);
    }

    /**
     * Queues {@code message} on its stream's lane, waiting while the association has {@code capacity} deliveries
     * pending.
     *
     * @return false if {@code abandoned} turned true while waiting, and nothing was queued
     */
    boolean dispatch(SctpReceivedMessage message, BooleanSupplier abandoned) throws InterruptedException {
        while (!permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
            if (abandoned.getAsBoolean()) {
                return false;
            }
        }
        int stream = message.streamId();
        Lane start = null;
        synchronized (this) {
            if (stream >= lanes.length) {
                lanes = Arrays.copyOf(lanes, Math.max(stream + 1, lanes.length * 2));
            }
            Lane lane = lanes[stream];
            if (lane == null) {
                lane = idle.isEmpty() ? new Lane() : idle.pop();
                lane.stream = stream;
                lanes[stream] = lane;
                active++;
                start = lane;
            }
            lane.queue.add(message);
            lane.peak = Math.max(lane.peak, lane.queue.size());
        }
        if (start != null) {
            schedule(start);
        }
        return true;
    }

    private void schedule(Lane lane) {
        try {
            executor.execute(lane);
        } catch (RejectedExecutionException e) {
            // Losing the messages is worse than slowing down: deliver them on the reader's thread, which also
            // stops reading meanwhile, so the peer is throttled as when the consumer is slow.
            LOGGER.warn("The task executor rejected the delivery of stream " + lane.stream + "; delivering on the "
                    + "reader's thread instead (give the factory an executor that does not reject)", e);
            lane.run();
        }
    }

    /** Returns the number of messages queued or being delivered. */
    int pending() {
        return capacity - permits.availablePermits();
    }

    /** Returns the number of idle lanes kept for reuse. */
    synchronized int pooledLanes() {
        return idle.size();
    }

    /** Waits until no delivery is pending or {@code timeoutMillis} passes; returns whether it is idle. */
    synchronized boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (active > 0) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    /** A stream's queue and the task that delivers it; one task runs per lane at a time, so the stream stays serial. */
    private final class Lane implements Runnable {

        final ArrayDeque<SctpReceivedMessage> queue = new ArrayDeque<>();
        int stream;
        /** The longest the queue has been. */
        int peak;

        @Override
        public void run() {
            SctpReceivedMessage next;
            synchronized (StreamDispatcher.this) {
                next = queue.poll();
            }
            while (next != null) {
                try {
                    delivery.accept(next);
                } catch (RuntimeException | Error e) {
                    LOGGER.error("Delivery of a message on stream " + stream + " failed", e);
                }
                synchronized (StreamDispatcher.this) {
                    // released under the lock, so a lane in the table always holds a permit
                    permits.release();
                    next = queue.poll();
                    if (next == null) {
                        lanes[stream] = null;
                        if (peak <= POOLED_QUEUE) {
                            idle.push(this); // the most recently used first: its queue is the warmest
                        }
                        active--;
                        StreamDispatcher.this.notifyAll();
                    }
                }
            }
        }
    }
}
