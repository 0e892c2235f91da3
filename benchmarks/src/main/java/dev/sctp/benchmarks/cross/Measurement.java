package dev.sctp.benchmarks.cross;

/**
 * One measured run of one pairing.
 *
 * @param mode one way (client sends, server counts) or echo (client pipelines, server echoes)
 * @param client the sender (one way) or the pipelining client (echo)
 * @param server the receiver (one way) or the echo server (echo)
 * @param round 0-based round number
 * @param messages messages that arrived (one way) or came back (echo), end marker excluded
 * @param size bytes per message
 * @param nanos first send to the marker's arrival (one way) or to the last echo (echo)
 * @param t3 rise of SctpT3RtxExpireds during the run
 * @param fastRetransmits rise of SctpFastRetransmits during the run
 * @param clientCpuNanos CPU time (user + system) the client process used during the run
 * @param serverCpuNanos CPU time the server process used during the run
 * @param latency round-trip percentiles of a {@link Mode#LATENCY} run, otherwise null
 * @param serverThreads the server's CPU time during the run by thread class (application, poller, JIT, GC, other)
 */
public record Measurement(Mode mode, PeerKind client, PeerKind server, int round, long messages, int size, long nanos,
                          long t3, long fastRetransmits, long clientCpuNanos, long serverCpuNanos, Latency latency,
                          ThreadCpu serverThreads) {

    /**
     * Round-trip time percentiles (nearest rank) of one ping-pong run, in nanoseconds.
     *
     * @param p50 median
     * @param p99 99th percentile
     * @param p999 99.9th percentile
     */
    public record Latency(long p50, long p99, long p999) {
    }

    /** What a run does. */
    public enum Mode {
        /** The client sends as fast as it can, the server counts. */
        ONE_WAY,
        /** The client keeps up to a window of messages in flight, the server echoes each. */
        ECHO,
        /** Ping-pong: one message in flight, every round trip timed. */
        LATENCY
    }

    /** Returns messages per second. */
    public double messagesPerSecond() {
        return messages * 1e9 / nanos;
    }

    /** Returns payload megabytes (10^6 bytes) per second. */
    public double megabytesPerSecond() {
        return messagesPerSecond() * size / 1e6;
    }

    /** Returns the client's CPU time per message in microseconds. */
    public double clientCpuMicrosPerMessage() {
        return clientCpuNanos / 1e3 / messages;
    }

    /** Returns the server's CPU time per message in microseconds. */
    public double serverCpuMicrosPerMessage() {
        return serverCpuNanos / 1e3 / messages;
    }
}
