package dev.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.test.AssociationPair;
import dev.sctp.test.RequiresSctp;
import dev.sctp.test.ThreadStates;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link SctpSocket#getInputStream()} readers wait for data parked, holding no monitor, so a virtual thread in
 * {@code read} never pins its carrier (JDK 21 to 23 pin a virtual thread that parks inside {@code synchronized}).
 */
@RequiresSctp
class SctpInputStreamTest {

    private static final Duration TIMEOUT = AssociationPair.TIMEOUT;

    @Test
    void aReaderWaitingForDataHoldsNoMonitor() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0")) {
            InputStream in = pair.accepted().getInputStream();
            CompletableFuture<Integer> read = new CompletableFuture<>();
            Thread reader = new Thread(() -> complete(read, in, new byte[8]), "stream-reader");
            reader.start();
            assertThat(ThreadStates.await(reader, TIMEOUT, Thread.State.WAITING, Thread.State.TIMED_WAITING))
                    .isIn(Thread.State.WAITING, Thread.State.TIMED_WAITING);
            assertThat(monitorsHeldBy(reader)).as("monitors held while parked in read").isEmpty();
            pair.client().send(new byte[] {7, 8, 9}, SendInfo.DEFAULT);
            assertThat(read.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(3);
        }
    }

    @Test
    void aSecondReaderWaitsParkedForTheFirstNotBlockedOnAMonitor() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0")) {
            InputStream in = pair.accepted().getInputStream();
            CompletableFuture<Integer> first = new CompletableFuture<>();
            CompletableFuture<Integer> second = new CompletableFuture<>();
            Thread a = new Thread(() -> complete(first, in, new byte[8]), "stream-reader-1");
            a.start();
            ThreadStates.await(a, TIMEOUT, Thread.State.WAITING, Thread.State.TIMED_WAITING);
            Thread b = new Thread(() -> complete(second, in, new byte[8]), "stream-reader-2");
            b.start();
            // BLOCKED would mean waiting to enter a monitor, which pins a virtual thread on JDK 21 to 23
            assertThat(ThreadStates.await(b, TIMEOUT, Thread.State.WAITING, Thread.State.TIMED_WAITING,
                    Thread.State.BLOCKED)).isEqualTo(Thread.State.WAITING);
            assertThat(monitorsHeldBy(b)).isEmpty();
            pair.client().send(new byte[] {1}, SendInfo.DEFAULT);
            pair.client().send(new byte[] {2, 2}, SendInfo.DEFAULT);
            assertThat(List.of(first.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS),
                    second.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))).containsExactlyInAnyOrder(1, 2);
        }
    }

    /**
     * More virtual threads parked in {@code read} than the scheduler has carriers, and another virtual thread must
     * still run. On Java 17, which has no virtual threads, the same readers are platform threads and the check is
     * that each parks holding no monitor, which is what lets a virtual thread unmount.
     */
    @Test
    void readersParkedInReadLeaveCarrierThreadsFree() throws Exception {
        boolean virtual = Runtime.version().feature() >= 21;
        int carriers = Integer.getInteger("jdk.virtualThreadScheduler.parallelism",
                Runtime.getRuntime().availableProcessors());
        int readers = carriers + 1;
        List<AssociationPair> pairs = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        try {
            for (int i = 0; i < readers; i++) {
                AssociationPair pair = AssociationPair.open("127.0.0.1:0");
                pairs.add(pair);
                InputStream in = pair.accepted().getInputStream();
                CompletableFuture<Integer> result = new CompletableFuture<>();
                results.add(result);
                Runnable read = () -> complete(result, in, new byte[16]);
                Thread t = virtual ? startVirtual(read) : new Thread(read, "stream-reader-" + i);
                if (!virtual) {
                    t.start();
                }
                threads.add(t);
            }
            for (Thread t : threads) {
                assertThat(ThreadStates.await(t, TIMEOUT, Thread.State.WAITING, Thread.State.TIMED_WAITING))
                        .as("reader parked in read").isIn(Thread.State.WAITING, Thread.State.TIMED_WAITING);
                if (!virtual) {
                    assertThat(monitorsHeldBy(t)).isEmpty();
                }
            }
            if (virtual) {
                CountDownLatch ran = new CountDownLatch(1);
                startVirtual(ran::countDown);
                assertThat(ran.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                        .as("a virtual thread runs while " + readers + " virtual readers are parked on " + carriers
                                + " carriers")
                        .isTrue();
            }
            for (int i = 0; i < readers; i++) {
                pairs.get(i).client().send(new byte[i + 1], SendInfo.DEFAULT);
            }
            for (int i = 0; i < readers; i++) {
                assertThat(results.get(i).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(i + 1);
            }
        } finally {
            pairs.forEach(AssociationPair::close);
        }
    }

    private static void complete(CompletableFuture<Integer> result, InputStream in, byte[] buf) {
        try {
            result.complete(in.read(buf, 0, buf.length));
        } catch (Throwable e) {
            result.completeExceptionally(e);
        }
    }

    private static List<String> monitorsHeldBy(Thread thread) {
        ThreadInfo info = ManagementFactory.getThreadMXBean().getThreadInfo(new long[] {thread.getId()}, true, false)[0];
        assertThat(info).as("thread info of " + thread).isNotNull();
        return Arrays.stream(info.getLockedMonitors()).map(MonitorInfo::toString).toList();
    }

    /** {@code Thread.ofVirtual().start(task)}, through reflection as this module compiles for Java 17. */
    private static Thread startVirtual(Runnable task) throws ReflectiveOperationException {
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        return (Thread) Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class)
                .invoke(builder, task);
    }
}
