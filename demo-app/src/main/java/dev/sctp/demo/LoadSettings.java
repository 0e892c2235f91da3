package dev.sctp.demo;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What a load run sends ({@code demo.load.*}): {@code messages} requests over {@code streams} streams with
 * {@code inFlight} requests outstanding, at {@code rate} messages per second (0: as fast as replies come back).
 *
 * @param messages how many requests to send, at least 1
 * @param streams how many streams to spread them over (request i goes on stream i mod streams), at least 1 and at
 *     most the association's number of streams
 * @param inFlight how many requests are outstanding at once (one sender thread each), at least 1
 * @param rate messages per second over all senders; 0 sends as fast as replies come back
 * @param size bytes of each request, 32 to 65536
 * @param ppid payload protocol identifier of every request, which every reply must carry
 * @param progressInterval how often progress is printed while the run lasts
 * @param connectTimeout how long to wait for the association to the server before giving up
 */
@ConfigurationProperties("demo.load")
public record LoadSettings(int messages, int streams, int inFlight, int rate, int size, int ppid,
        Duration progressInterval, Duration connectTimeout) {

    static final int MIN_SIZE = 32;
    static final int MAX_SIZE = 65536;

    /** Checks every value, naming the property, the limit and what to do. */
    public LoadSettings {
        require(messages >= 1, "demo.load.messages", messages, "must be at least 1");
        require(streams >= 1, "demo.load.streams", streams, "must be at least 1");
        require(inFlight >= 1, "demo.load.in-flight", inFlight, "must be at least 1");
        require(rate >= 0, "demo.load.rate", rate, "must be 0 (as fast as possible) or a positive rate per second");
        require(size >= MIN_SIZE && size <= MAX_SIZE, "demo.load.size", size,
                "must be from " + MIN_SIZE + " to " + MAX_SIZE + " bytes (the message size limit of the client)");
        require(progressInterval != null && !progressInterval.isNegative() && !progressInterval.isZero(),
                "demo.load.progress-interval", progressInterval, "must be positive, e.g. 1s");
        require(connectTimeout != null && !connectTimeout.isNegative() && !connectTimeout.isZero(),
                "demo.load.connect-timeout", connectTimeout, "must be positive, e.g. 30s");
    }

    private static void require(boolean ok, String property, Object value, String rule) {
        if (!ok) {
            throw new IllegalArgumentException(property + "=" + value + " " + rule);
        }
    }
}
