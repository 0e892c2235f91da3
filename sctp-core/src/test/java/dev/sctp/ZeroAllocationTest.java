package dev.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.test.AssociationPair;
import dev.sctp.test.RequiresSctp;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Sending and receiving through direct buffers allocate nothing per message, measured with the JVM's per-thread
 * allocation counter: with stream and PPID changing per message, with several buffers and slices, and when the
 * receive has to park. The bound is a small constant for the whole run, not per message.
 */
@RequiresSctp
class ZeroAllocationTest {

    private static final int WARM_UP = 2000;
    private static final int MEASURED = 4000;
    // Below one byte per message: any per-message object (16 bytes at least) would exceed it several times over.
    private static final long BOUND = 2048;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void directSendAndReceiveWithStreamAndPpidChangingPerMessageAllocateNothing() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0")) {
            pair.accepted().setReadTimeout(AssociationPair.TIMEOUT);
            ByteBuffer first = ByteBuffer.allocateDirect(512);
            ByteBuffer second = ByteBuffer.allocateDirect(512);
            ByteBuffer slice = second.slice(100, 300);
            ByteBuffer[] sources = {first, second, slice};
            ByteBuffer in = ByteBuffer.allocateDirect(1024);
            ByteBuffer inSlice = in.slice(8, 600);
            ReceiveInfo info = new ReceiveInfo();
            roundTrips(pair, sources, in, inSlice, info, 0, WARM_UP);
            long thread = Thread.currentThread().getId();
            long before = THREADS.getThreadAllocatedBytes(thread);
            roundTrips(pair, sources, in, inSlice, info, WARM_UP, MEASURED);
            long allocated = THREADS.getThreadAllocatedBytes(thread) - before;
            assertThat(allocated).as("bytes allocated for %d messages sent and received", MEASURED)
                    .isLessThan(BOUND);
        }
    }

    private static void roundTrips(AssociationPair pair, ByteBuffer[] sources, ByteBuffer in, ByteBuffer inSlice,
            ReceiveInfo info, int from, int count) throws Exception {
        for (int i = from; i < from + count; i++) {
            ByteBuffer src = sources[i % sources.length];
            src.clear();
            src.limit(1 + i % 200);
            pair.client().send(src, SendInfo.DEFAULT, i % 10, i);
            ByteBuffer dst = (i & 1) == 0 ? in : inSlice;
            dst.clear();
            int n = pair.accepted().receive(dst, info);
            if (n != 1 + i % 200 || info.streamId() != i % 10 || info.ppid() != i) {
                throw new AssertionError("message " + i + ": " + n + " bytes, " + info); // no allocation unless failing
            }
        }
    }

    @Test
    void batchedSendAndReceiveWithStreamAndPpidChangingPerMessageAllocateNothing() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0");
                SctpMessageBatch out = new SctpMessageBatch(16, 256);
                SctpMessageBatch in = new SctpMessageBatch(64, 256)) {
            pair.accepted().setReadTimeout(AssociationPair.TIMEOUT);
            ByteBuffer payload = ByteBuffer.allocateDirect(256);
            batches(pair, out, in, payload, 0, WARM_UP / 16);
            long thread = Thread.currentThread().getId();
            long before = THREADS.getThreadAllocatedBytes(thread);
            batches(pair, out, in, payload, WARM_UP / 16, MEASURED / 16);
            long allocated = THREADS.getThreadAllocatedBytes(thread) - before;
            assertThat(allocated).as("bytes allocated for %d messages in batches", MEASURED).isLessThan(BOUND);
        }
    }

    private static void batches(AssociationPair pair, SctpMessageBatch out, SctpMessageBatch in, ByteBuffer payload,
            int from, int count) throws Exception {
        for (int round = from; round < from + count; round++) {
            out.clear();
            for (int i = 0; i < 16; i++) {
                payload.clear().limit(1 + (round + i) % 200);
                out.add(payload, i % 10, round * 16 + i);
            }
            pair.client().send(out);
            int got = 0;
            while (got < 16) {
                int n = pair.accepted().receive(in);
                for (int i = 0; i < n; i++, got++) {
                    if (in.ppid(i) != round * 16 + got || in.streamId(i) != got % 10
                            || in.length(i) != 1 + (round + got) % 200) {
                        throw new AssertionError("round " + round + " message " + got);
                    }
                }
            }
        }
    }

    @Test
    void aReceiveThatParksForEveryMessageAllocatesNothing() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0")) {
            AtomicInteger received = new AtomicInteger();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            int total = WARM_UP + MEASURED / 2;
            long[] allocated = new long[1];
            Thread receiver = new Thread(() -> {
                try {
                    ByteBuffer in = ByteBuffer.allocateDirect(256);
                    ReceiveInfo info = new ReceiveInfo();
                    long thread = Thread.currentThread().getId();
                    long before = 0;
                    for (int i = 0; i < total; i++) {
                        if (i == WARM_UP) {
                            before = THREADS.getThreadAllocatedBytes(thread);
                        }
                        in.clear();
                        if (pair.accepted().receive(in, info) != 64 || info.ppid() != i) {
                            throw new AssertionError("message " + i);
                        }
                        received.incrementAndGet();
                    }
                    allocated[0] = THREADS.getThreadAllocatedBytes(thread) - before;
                } catch (Throwable e) {
                    failure.set(e);
                }
            }, "parking-receiver");
            pair.accepted().setReadTimeout(AssociationPair.TIMEOUT);
            receiver.start();
            int parksBefore = 0;
            ByteBuffer out = ByteBuffer.allocateDirect(64);
            for (int i = 0; i < total; i++) {
                if (i == WARM_UP) {
                    parksBefore = pair.accepted().linux().poll().readSeq();
                }
                // Wait until the receiver is parked again, so each message finds it waiting.
                while (received.get() < i || receiver.getState() != Thread.State.WAITING
                        && receiver.getState() != Thread.State.TIMED_WAITING) {
                    if (failure.get() != null || !receiver.isAlive()) {
                        throw new AssertionError("receiver failed", failure.get());
                    }
                    Thread.onSpinWait();
                }
                out.clear();
                pair.client().send(out, SendInfo.DEFAULT, 0, i);
            }
            receiver.join(AssociationPair.TIMEOUT.toMillis());
            assertThat(failure.get()).isNull();
            int wakeUps = pair.accepted().linux().poll().readSeq() - parksBefore;
            assertThat(wakeUps).as("input readiness events while measuring").isGreaterThanOrEqualTo(MEASURED / 4);
            assertThat(allocated[0]).as("bytes the parked receiver allocated for %d messages", MEASURED / 2)
                    .isLessThan(BOUND);
        }
    }
}
