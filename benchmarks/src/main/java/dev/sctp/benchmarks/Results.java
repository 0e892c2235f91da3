package dev.sctp.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Measured runs of one contender, and the statistics the table shows. */
public final class Results {

    /**
     * One one-way run.
     *
     * @param sent messages the sender sent (excluding the end marker)
     * @param received messages the receiver counted
     * @param bytes payload bytes the receiver counted
     * @param nanos from the first send to the end marker's arrival
     * @param cpuNanos utime + stime of the process (both ends) during the run, or -1 if not measured
     * @param allocatedBytes heap bytes both ends allocated during the run, or -1 if not measured
     */
    public record OneWay(long sent, long received, long bytes, long nanos, long cpuNanos, long allocatedBytes) {

        /** A run whose allocation was not measured (a C program). */
        public OneWay(long sent, long received, long bytes, long nanos, long cpuNanos) {
            this(sent, received, bytes, nanos, cpuNanos, -1);
        }

        /** Returns received messages per second. */
        public double messagesPerSecond() {
            return received * 1e9 / nanos;
        }

        /** Returns received payload megabytes (10^6 bytes) per second. */
        public double megabytesPerSecond() {
            return bytes * 1e3 / nanos;
        }

        /** Returns the CPU time of both ends per message in microseconds, or NaN if not measured. */
        public double cpuMicrosPerMessage() {
            return cpuNanos < 0 || received == 0 ? Double.NaN : cpuNanos / 1e3 / received;
        }

        /** Returns the heap bytes allocated per message, or NaN if not measured. */
        public double allocatedBytesPerMessage() {
            return allocatedBytes < 0 || received == 0 ? Double.NaN : (double) allocatedBytes / received;
        }
    }

    /**
     * One ping-pong run.
     *
     * @param rounds completed round trips
     * @param nanos time they took
     * @param cpuNanos utime + stime of the process (both ends) during the run, or -1 if not measured
     * @param p50 median round-trip time in nanoseconds (nearest rank)
     * @param p99 99th percentile round-trip time in nanoseconds
     * @param p999 99.9th percentile round-trip time in nanoseconds
     * @param allocatedBytes heap bytes both ends allocated during the run, or -1 if not measured
     */
    public record PingPong(long rounds, long nanos, long cpuNanos, long p50, long p99, long p999,
                           long allocatedBytes) {

        /** A run whose allocation was not measured (a C program). */
        public PingPong(long rounds, long nanos, long cpuNanos, long p50, long p99, long p999) {
            this(rounds, nanos, cpuNanos, p50, p99, p999, -1);
        }

        /**
         * Returns the run of {@code rounds} round trips whose times are the first {@code rounds} of {@code rtt}
         * (sorted here, in place).
         */
        public static PingPong of(long[] rtt, int rounds, long nanos, long cpuNanos, long allocatedBytes) {
            Arrays.sort(rtt, 0, rounds);
            return new PingPong(rounds, nanos, cpuNanos, percentile(rtt, rounds, 500), percentile(rtt, rounds, 990),
                    percentile(rtt, rounds, 999), allocatedBytes);
        }

        /** Returns the heap bytes allocated per round trip, or NaN if not measured. */
        public double allocatedBytesPerRoundTrip() {
            return allocatedBytes < 0 || rounds == 0 ? Double.NaN : (double) allocatedBytes / rounds;
        }

        /** Returns the CPU time of both ends per round trip in microseconds, or NaN if not measured. */
        public double cpuMicrosPerRoundTrip() {
            return cpuNanos < 0 || rounds == 0 ? Double.NaN : cpuNanos / 1e3 / rounds;
        }

        /** Returns round trips per second. */
        public double roundTripsPerSecond() {
            return rounds * 1e9 / nanos;
        }

        /** Returns the mean round-trip time in microseconds. */
        public double microsPerRoundTrip() {
            return nanos / 1e3 / rounds;
        }
    }

    /** The nearest-rank percentile (in thousandths) of the first {@code n} sorted values, as sctp_loop.c has it. */
    static long percentile(long[] sorted, int n, int perMille) {
        if (n == 0) {
            return 0;
        }
        long rank = ((long) n * perMille + 999) / 1000;
        return sorted[(int) Math.max(0, rank - 1)];
    }

    /** Returns the utime + stime of this whole process so far, in nanoseconds, or -1 if the JVM cannot tell. */
    public static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private final List<OneWay> oneWay = new ArrayList<>();
    private final List<PingPong> pingPong = new ArrayList<>();

    /** Adds a measured one-way run. */
    public void add(OneWay run) {
        oneWay.add(run);
    }

    /** Adds a measured ping-pong run. */
    public void add(PingPong run) {
        pingPong.add(run);
    }

    /** Returns the measured one-way runs. */
    public List<OneWay> oneWay() {
        return List.copyOf(oneWay);
    }

    /** Returns the measured ping-pong runs. */
    public List<PingPong> pingPong() {
        return List.copyOf(pingPong);
    }

    /** Returns the median one-way rate in messages per second. */
    public double medianMessagesPerSecond() {
        return median(oneWay, OneWay::messagesPerSecond);
    }

    /** Returns the median ping-pong rate in round trips per second. */
    public double medianRoundTripsPerSecond() {
        return median(pingPong, PingPong::roundTripsPerSecond);
    }

    private static <T> double median(List<T> runs, ToDoubleFunction<T> value) {
        if (runs.isEmpty()) {
            return Double.NaN;
        }
        List<T> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingDouble(value));
        int n = sorted.size();
        return n % 2 == 1 ? value.applyAsDouble(sorted.get(n / 2))
                : (value.applyAsDouble(sorted.get(n / 2 - 1)) + value.applyAsDouble(sorted.get(n / 2))) / 2;
    }
}
