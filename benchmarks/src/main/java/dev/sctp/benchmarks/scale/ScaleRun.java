package dev.sctp.benchmarks.scale;

import java.util.List;

/**
 * What one configuration of the scale benchmark measured: a stack on a JVM serving {@code associations}
 * associations.
 *
 * @param stack "core" or "spring"
 * @param jvm the server JVM's label, e.g. "Java 17"
 * @param handlers what the server starts per association (from the server's own report)
 * @param associations associations the client opened and the server held
 * @param connectMillis time to open them all
 * @param refusedConnects connects the listener refused (accept queue full) that the client retried
 * @param baseline the server before any association
 * @param idle the server holding every association, before any traffic
 * @param afterTraffic the server holding every association, after the measured rounds
 * @param rounds the measured rounds
 */
public record ScaleRun(String stack, String jvm, String handlers, int associations, long connectMillis, long refusedConnects,
                       ServerStats baseline, ServerStats idle, ServerStats afterTraffic, List<Round> rounds) {

    /** Heap used after GC per idle association, bytes. */
    public double heapPerAssociation() {
        return (double) (idle.heap() - baseline.heap()) / associations;
    }

    /** The library's live native buffers per idle association, bytes. */
    public double nativePerAssociation() {
        return (double) (idle.nativeBytes() - baseline.nativeBytes()) / associations;
    }

    /** Resident set growth per idle association, bytes: heap, native buffers, thread stacks, malloc overhead. */
    public double rssPerAssociation() {
        return (double) (idle.rss() - baseline.rss()) / associations;
    }

    /** Heap used after GC per association after traffic, bytes. */
    public double heapPerAssociationAfterTraffic() {
        return (double) (afterTraffic.heap() - baseline.heap()) / associations;
    }

    /** The server's OS threads while idle minus before, per association. */
    public double osThreadsPerAssociation() {
        return (double) (idle.osThreads() - baseline.osThreads()) / associations;
    }

    /** Row label. */
    public String label() {
        return stack + ", " + jvm + ", " + associations;
    }

    /**
     * One line of the server's {@code stats} command.
     *
     * @param heap heap used after GC, bytes
     * @param rss resident set from smaps_rollup, bytes
     * @param osThreads the kernel's thread count of the process
     * @param pollers live sctp-poller threads
     * @param nativeBytes bytes in the library's live native buffers
     * @param nativeBuffers live native buffers
     * @param echoed messages echoed so far
     * @param associations associations the server holds
     */
    public record ServerStats(long heap, long rss, int osThreads, int pollers, long nativeBytes, long nativeBuffers,
                              long echoed, int associations) {
    }

    /**
     * One measured window: every association sending one message per interval.
     *
     * @param windowNanos the window's length
     * @param sent messages sent in the window
     * @param echoed their echoes received (the client waits for late ones after the window)
     * @param totalSent messages sent in the round, warm-up included
     * @param totalEchoed echoes received in the round
     * @param p50 echo round trip of the window's messages, nanoseconds
     * @param p99 likewise
     * @param max likewise
     * @param serverCpuNanos the server's utime + stime during the window
     * @param t3 the kernel's T3-rtx expirations during the window
     * @param aborted the kernel's SctpAborteds during the whole round (warm-up and drain included): associations
     *                that ended in an ABORT, sent or received, on either side of the loopback
     * @param resets associations the client lost to a reset or abort so far (cumulative over the rounds)
     * @param lost messages sent on those associations whose echo never came (cumulative)
     * @param backlogDrops packets the kernel dropped for a full input backlog during the round
     *                     ({@code /proc/net/softnet_stat}, second column, all CPUs; loopback goes through it)
     */
    public record Round(long windowNanos, long sent, long echoed, long totalSent, long totalEchoed, long p50,
                        long p99, long max, long serverCpuNanos, long t3, long aborted, long resets, long lost,
                        long backlogDrops) {

        /** Server CPU per echoed message, microseconds (10 ms tick resolution over the window). */
        public double cpuMicrosPerMessage() {
            return sent == 0 ? 0 : serverCpuNanos / 1000.0 / sent;
        }

        /** Server CPU as a share of one core, percent. */
        public double cpuPercent() {
            return 100.0 * serverCpuNanos / windowNanos;
        }

        /** Offered messages per second. */
        public double messagesPerSecond() {
            return sent * 1e9 / windowNanos;
        }
    }
}
