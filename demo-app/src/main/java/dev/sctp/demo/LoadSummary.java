package dev.sctp.demo;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of a load run: counts, throughput, round-trip latency percentiles and the association's state.
 *
 * @param mode the mode that ran ({@code selftest} or {@code load})
 * @param settings what was sent
 * @param answeredRight replies whose payload, stream and PPID were right
 * @param errors requests that failed or got a wrong reply
 * @param elapsed from the first request to the last reply
 * @param p50Nanos median round trip
 * @param p90Nanos 90th percentile round trip
 * @param p99Nanos 99th percentile round trip
 * @param maxNanos longest round trip
 * @param streamsUsed streams that carried at least one right reply
 * @param errorSamples the first few errors, described
 * @param association the association's state at the end
 */
public record LoadSummary(String mode, LoadSettings settings, long answeredRight, long errors, Duration elapsed,
        long p50Nanos, long p90Nanos, long p99Nanos, long maxNanos, int streamsUsed, List<String> errorSamples,
        AssociationReport association) {

    /** Returns whether every request got its right reply: the run passed. */
    public boolean allRight() {
        return errors == 0 && answeredRight == settings.messages();
    }

    /** Returns replies per second over the run. */
    public double throughput() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? answeredRight / seconds : 0;
    }

    /** Returns the summary as the demo prints it. */
    public String format() {
        StringBuilder out = new StringBuilder();
        out.append("=== SCTP demo ").append(mode).append(" summary ===\n");
        line(out, "messages", "%d sent, %d answered right, %d errors", settings.messages(), answeredRight, errors);
        line(out, "throughput", "%.0f msg/s over %.2f s (%d streams, %d in flight, %s, %d-byte requests)",
                throughput(), elapsed.toNanos() / 1e9, settings.streams(), settings.inFlight(),
                settings.rate() == 0 ? "as fast as possible" : "at most " + settings.rate() + " msg/s",
                settings.size());
        line(out, "latency", "p50 %s  p90 %s  p99 %s  max %s", ms(p50Nanos), ms(p90Nanos), ms(p99Nanos),
                ms(maxNanos));
        line(out, "streams", "%d of %d carried right replies", streamsUsed, settings.streams());
        AssociationReport a = association;
        line(out, "association", "%s -> %s, %s, streams out %d / in %d", a.local(), a.remote(), a.state(),
                a.outboundStreams(), a.inboundStreams());
        for (var path : a.paths()) {
            boolean primary = a.primary() != null && a.primary().address().equals(path.address());
            line(out, "  path", "%s %s%s, cwnd %d B, rto %d ms", path.address(), path.state(),
                    primary ? " (primary)" : "", path.congestionWindow(), path.rto().toMillis());
        }
        line(out, "srtt", a.srttMillis() < 0 ? "unknown" : String.format(Locale.ROOT, "%.0f ms (primary path)",
                a.srttMillis()));
        line(out, "retransmits", "%d DATA chunks", a.retransmittedChunks());
        if (a.error() != null) {
            line(out, "  (status)", "could not be read: %s", a.error());
        }
        for (String sample : errorSamples) {
            line(out, "error", "%s", sample);
        }
        line(out, "result",
                allRight() ? "OK: every reply was right" : "FAILED: %d of %d requests without a right reply",
                settings.messages() - answeredRight, settings.messages());
        return out.toString();
    }

    private static void line(StringBuilder out, String label, String format, Object... args) {
        out.append(String.format(Locale.ROOT, "%-13s ", label)).append(String.format(Locale.ROOT, format, args))
                .append('\n');
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
    }
}
