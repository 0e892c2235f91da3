package dev.sctp.benchmarks;

/**
 * One measured run of one contender in the comparison: a one-way run of {@code size}-byte messages or a ping-pong
 * run, with the kernel's counters around it.
 *
 * @param key the contender's {@code --only} name
 * @param round 0-based round
 * @param size bytes per message
 * @param oneWay the one-way run, or null for a ping-pong run
 * @param pingPong the ping-pong run, or null for a one-way run
 * @param t3 rise of SctpT3RtxExpireds during the run
 * @param fastRetransmits rise of SctpFastRetransmits during the run
 * @param delayedSacks rise of SctpDelaySackExpireds during the run
 * @param dataDiscards rise of SctpInDataChunkDiscards during the run
 */
public record CompareRun(String key, int round, int size, Results.OneWay oneWay, Results.PingPong pingPong, long t3,
                         long fastRetransmits, long delayedSacks, long dataDiscards) {

    /** Returns whether this is a one-way run. */
    public boolean isOneWay() {
        return oneWay != null;
    }

    /** Returns messages (one way) or round trips (ping-pong) per second. */
    public double rate() {
        return isOneWay() ? oneWay.messagesPerSecond() : pingPong.roundTripsPerSecond();
    }

    /** Returns the process's CPU time per message or round trip in microseconds (NaN if not measured). */
    public double cpuMicros() {
        return isOneWay() ? oneWay.cpuMicrosPerMessage() : pingPong.cpuMicrosPerRoundTrip();
    }

    /** Returns the heap bytes allocated per message or round trip (NaN if not measured: the C loop). */
    public double allocatedBytes() {
        return isOneWay() ? oneWay.allocatedBytesPerMessage() : pingPong.allocatedBytesPerRoundTrip();
    }
}
