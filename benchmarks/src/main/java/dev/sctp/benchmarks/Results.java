package dev.sctp.benchmarks;

import java.util.ArrayList;
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
     */
    public record OneWay(long sent, long received, long bytes, long nanos) {

        /** Returns received messages per second. */
        public double messagesPerSecond() {
            return received * 1e9 / nanos;
        }
    }

    /**
     * One ping-pong run.
     *
     * @param rounds completed round trips
     * @param nanos time they took
     */
    public record PingPong(long rounds, long nanos) {

        /** Returns round trips per second. */
        public double roundTripsPerSecond() {
            return rounds * 1e9 / nanos;
        }

        /** Returns the mean round-trip time in microseconds. */
        public double microsPerRoundTrip() {
            return nanos / 1e3 / rounds;
        }
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
