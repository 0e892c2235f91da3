package dev.sctp.benchmarks.cross;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {

    @Test
    void threadsAreClassedByTheirNames() {
        assertEquals(0, ThreadCpu.classOf("java", "java"));
        assertEquals(0, ThreadCpu.classOf("sctp_peer", "sctp_peer"));
        assertEquals(1, ThreadCpu.classOf("sctp-poller-0", "java"));
        assertEquals(2, ThreadCpu.classOf("C2 CompilerThre", "java"));
        assertEquals(2, ThreadCpu.classOf("C1 CompilerThre", "java"));
        assertEquals(3, ThreadCpu.classOf("GC Thread#0", "java"));
        assertEquals(3, ThreadCpu.classOf("G1 Conc#0", "java"));
        assertEquals(4, ThreadCpu.classOf("VM Thread", "java"));
    }

    @Test
    void cpuSpentOnAThreadRisesItsClass() throws Exception {
        long pid = ProcessHandle.current().pid();
        ThreadCpu before = ThreadCpu.of(pid);
        spin(); // on this thread, which the launcher started: an application thread
        ThreadCpu afterApp = ThreadCpu.of(pid);
        assertTrue(afterApp.minus(before).app() >= SPIN_NANOS - TICK, before + " -> " + afterApp);

        // Everything that costs the test thread CPU (the lambda's bootstrap, starting the thread) happens before the
        // baseline, so that the test thread only waits while the other one spins.
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch spun = new CountDownLatch(1);
        CountDownLatch read = new CountDownLatch(1);
        Thread poller = new Thread(() -> {
            try {
                go.await();
                spin();
                spun.countDown();
                read.await(); // stay alive until read: an exited thread leaves /proc/PID/task
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sctp-poller-test");
        poller.start();
        ThreadCpu beforePoller = ThreadCpu.of(pid);
        go.countDown();
        spun.await();
        ThreadCpu afterPoller = ThreadCpu.of(pid);
        read.countDown();
        poller.join();
        ThreadCpu rise = afterPoller.minus(beforePoller);
        assertTrue(rise.poller() >= SPIN_NANOS - TICK, beforePoller + " -> " + afterPoller);
        assertTrue(rise.app() < SPIN_NANOS / 2, "the waiting test thread: " + beforePoller + " -> " + afterPoller);
    }

    private static final long SPIN_NANOS = 300_000_000L;
    private static final long TICK = 20_000_000L; // two 10 ms ticks of rounding

    /** Uses {@link #SPIN_NANOS} of this thread's CPU time. */
    private static void spin() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long until = threads.getCurrentThreadCpuTime() + SPIN_NANOS;
        long x = 0;
        while (threads.getCurrentThreadCpuTime() < until) {
            x += Long.numberOfTrailingZeros(x + 1);
        }
        if (x == 42) {
            System.out.print(""); // keeps the loop from being dropped as dead code
        }
    }
}
