package dev.sctp.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The allocation column counts what every thread allocated in the window, and nothing of its own. */
class AllocationMeterTest {

    private static volatile Object sink;

    @Test
    void anEmptyWindowCountsNothingOfTheMetersOwnArrays() {
        for (int i = 0; i < 100; i++) { // the meter's own code runs warm, as between benchmark runs
            AllocationMeter.start().stop(0);
        }
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 20; i++) {
            least = Math.min(least, AllocationMeter.start().stop(0));
        }
        assertThat(least).isZero();
    }

    @Test
    void countsTheCallingThreadAnotherLiveThreadAndAThreadThatEndedAndReportedItself() throws Exception {
        CountDownLatch windowOpen = new CountDownLatch(1);
        CountDownLatch allocated = new CountDownLatch(1);
        CountDownLatch windowClosed = new CountDownLatch(1);
        Thread live = new Thread(() -> {
            try {
                windowOpen.await();
                sink = new byte[4 << 20];
                allocated.countDown();
                windowClosed.await(); // still alive when the window closes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        live.start();
        AllocationMeter meter = AllocationMeter.start();
        sink = new byte[1 << 20];
        windowOpen.countDown();
        allocated.await();
        AtomicLong reported = new AtomicLong();
        Thread ended = new Thread(() -> {
            long before = AllocationMeter.currentThread();
            sink = new byte[2 << 20];
            reported.set(AllocationMeter.currentThread() - before);
        });
        ended.start();
        ended.join();
        long bytes = meter.stop(reported.get());
        windowClosed.countDown();
        live.join();
        assertThat(bytes).as("1 MiB here, 4 MiB on a live thread, 2 MiB on a thread that ended")
                .isBetween(7L << 20, (7L << 20) + (64 << 10));
    }
}
