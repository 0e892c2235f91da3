package dev.sctp.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * Heap bytes allocated by every thread of this process between {@link #start()} and {@link #stop(long)}, as the JVM
 * counts them per thread (TLABs included), so that the tables can show the allocation per message of each path.
 *
 * <p>A thread that ends inside the window takes its count with it; such a thread reports its own allocation
 * (see {@code BlockingContender.Worker}) and the caller passes it to {@link #stop(long)}. The calling thread's own
 * count is read after the start snapshot and before the stop snapshot, so the meter's maps and arrays are not
 * counted: a path that allocates nothing shows 0, however many threads there are.
 */
final class AllocationMeter {

    private static final com.sun.management.ThreadMXBean THREADS = threads();

    private Map<Long, Long> before = Map.of();
    private final long self = Thread.currentThread().getId();
    private long selfBefore;

    private AllocationMeter() {
    }

    /** Starts a window, or returns null if this JVM does not count allocation per thread. */
    static AllocationMeter start() {
        if (THREADS == null) {
            return null;
        }
        AllocationMeter meter = new AllocationMeter();
        meter.before = snapshot();
        meter.selfBefore = THREADS.getCurrentThreadAllocatedBytes(); // last: nothing of the meter's is counted
        return meter;
    }

    /**
     * Ends the window: the bytes allocated since {@link #start()} by the threads alive now (all of a thread's bytes
     * if it started inside the window), plus {@code ended} for threads that ended inside it.
     */
    long stop(long ended) {
        long total = THREADS.getCurrentThreadAllocatedBytes() - selfBefore + ended; // first: before the snapshot
        for (Map.Entry<Long, Long> now : snapshot().entrySet()) {
            if (now.getKey() != self) {
                total += now.getValue() - before.getOrDefault(now.getKey(), 0L);
            }
        }
        return total;
    }

    /** Returns what the calling thread has allocated so far, or 0 if this JVM does not count it. */
    static long currentThread() {
        return THREADS == null ? 0 : THREADS.getCurrentThreadAllocatedBytes();
    }

    /** Returns {@code meter.stop(ended)}, or -1 when {@code meter} is null (not measured). */
    static long stop(AllocationMeter meter, long ended) {
        return meter == null ? -1 : meter.stop(ended);
    }

    private static Map<Long, Long> snapshot() {
        long[] ids = THREADS.getAllThreadIds();
        long[] bytes = THREADS.getThreadAllocatedBytes(ids);
        Map<Long, Long> map = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] >= 0) {
                map.put(ids[i], bytes[i]);
            }
        }
        return map;
    }

    private static com.sun.management.ThreadMXBean threads() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported()) {
            t.setThreadAllocatedMemoryEnabled(true);
            return t;
        }
        return null;
    }
}
