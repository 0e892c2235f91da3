package dev.sctp.benchmarks.cross;

import dev.sctp.benchmarks.BarChart;
import dev.sctp.benchmarks.cross.Measurement.Mode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws the cross-process results as PNG bar charts ({@link BarChart}): per mode, one bar per pairing at its median
 * rate, a whisker from the slowest to the fastest round, and the rounds' T3 expirations beside it.
 */
final class CrossCharts {

    private CrossCharts() {
    }

    /** Writes one chart per mode next to {@code markdown}: NAME-one-way.png, NAME-echo.png, NAME-ping-pong.png. */
    static List<Path> write(CrossReport report, List<PeerKind> kinds, Path markdown, String subtitle)
            throws IOException {
        String base = markdown.getFileName().toString().replaceFirst("\\.md$", "");
        Path dir = markdown.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        for (Mode mode : Mode.values()) {
            Path png = dir.resolve(base + switch (mode) {
                case ONE_WAY -> "-one-way.png";
                case ECHO -> "-echo.png";
                case LATENCY -> "-ping-pong.png";
            });
            String title = switch (mode) {
                case ONE_WAY -> "One way: sender -> receiver, messages/s";
                case ECHO -> "Echo, up to 64 in flight: client -> echo server, messages/s";
                case LATENCY -> "Ping-pong, one in flight: client -> echo server, round trips/s";
            };
            ImageIO.write(draw(report, kinds, mode, title, subtitle), "png", png.toFile());
            written.add(png);
        }
        return written;
    }

    static BufferedImage draw(CrossReport report, List<PeerKind> kinds, Mode mode, String title, String subtitle) {
        List<BarChart.Bar> bars = new ArrayList<>();
        for (PeerKind c : kinds) {
            for (PeerKind s : kinds) {
                List<Measurement> runs = report.runs(mode, c, s);
                if (runs.isEmpty()) {
                    continue;
                }
                double min = runs.stream().mapToDouble(Measurement::messagesPerSecond).min().orElse(0);
                double max = runs.stream().mapToDouble(Measurement::messagesPerSecond).max().orElse(0);
                long t3 = runs.stream().mapToLong(Measurement::t3).sum();
                // One colour per receiving (or echoing) kind.
                bars.add(new BarChart.Bar(c.label() + " -> " + s.label(), CrossReport.median(runs,
                        Measurement::messagesPerSecond), min, max, t3, s.ordinal()));
            }
        }
        return BarChart.draw(title, subtitle, mode == Mode.LATENCY ? "round trips/s" : "messages/s", bars);
    }
}
