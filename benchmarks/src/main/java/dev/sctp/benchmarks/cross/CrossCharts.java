package dev.sctp.benchmarks.cross;

import dev.sctp.benchmarks.cross.Measurement.Mode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws the cross-process results as PNG bar charts with plain Java2D (headless, no extra dependency): per mode, one
 * bar per pairing at its median rate, a whisker from the slowest to the fastest round, and the rounds' T3 expirations
 * beside it, so a collapsing round cannot hide behind a good median.
 */
final class CrossCharts {

    private static final int WIDTH = 1000;
    private static final int ROW = 34;
    private static final int LEFT = 300;
    private static final int RIGHT = 150;
    private static final int TOP = 70;
    private static final int BOTTOM = 50;
    /** One colour per receiving (or echoing) kind, in PeerKind order; more kinds reuse them. */
    private static final Color[] COLORS = {new Color(0x4C72B0), new Color(0xDD8452), new Color(0x55A868),
        new Color(0x8172B3), new Color(0xC44E52)};

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
        record Bar(String label, double median, double min, double max, long t3, Color color) {
        }
        List<Bar> bars = new ArrayList<>();
        double top = 1;
        for (PeerKind c : kinds) {
            for (PeerKind s : kinds) {
                List<Measurement> runs = report.runs(mode, c, s);
                if (runs.isEmpty()) {
                    continue;
                }
                double min = runs.stream().mapToDouble(Measurement::messagesPerSecond).min().orElse(0);
                double max = runs.stream().mapToDouble(Measurement::messagesPerSecond).max().orElse(0);
                long t3 = runs.stream().mapToLong(Measurement::t3).sum();
                bars.add(new Bar(c.label() + " -> " + s.label(), CrossReport.median(runs,
                        Measurement::messagesPerSecond), min, max, t3, COLORS[s.ordinal() % COLORS.length]));
                top = Math.max(top, max);
            }
        }
        int height = TOP + BOTTOM + ROW * bars.size();
        BufferedImage img = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(title, 20, 28);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString(subtitle, 20, 48);
            double scale = niceCeiling(top);
            int plot = WIDTH - LEFT - RIGHT;
            // grid and axis labels
            g.setColor(new Color(0xDDDDDD));
            for (int i = 0; i <= 4; i++) {
                int x = LEFT + plot * i / 4;
                g.drawLine(x, TOP - 5, x, height - BOTTOM);
            }
            g.setColor(Color.DARK_GRAY);
            FontMetrics fm = g.getFontMetrics();
            for (int i = 0; i <= 4; i++) {
                String label = String.format(Locale.ROOT, "%,.0f", scale * i / 4);
                g.drawString(label, LEFT + plot * i / 4 - fm.stringWidth(label) / 2, height - BOTTOM + 18);
            }
            g.drawString("median bar; whisker: slowest to fastest round; T3: expirations over all rounds", LEFT,
                    height - 12);
            for (int i = 0; i < bars.size(); i++) {
                Bar b = bars.get(i);
                int y = TOP + i * ROW;
                g.setColor(Color.BLACK);
                g.drawString(b.label(), LEFT - 10 - fm.stringWidth(b.label()), y + ROW / 2 + 4);
                g.setColor(b.color());
                g.fillRect(LEFT, y + 6, (int) (plot * b.median() / scale), ROW - 12);
                g.setColor(Color.BLACK);
                g.setStroke(new BasicStroke(1.5f));
                int x0 = LEFT + (int) (plot * b.min() / scale);
                int x1 = LEFT + (int) (plot * b.max() / scale);
                g.drawLine(x0, y + ROW / 2, x1, y + ROW / 2);
                g.drawLine(x0, y + ROW / 2 - 5, x0, y + ROW / 2 + 5);
                g.drawLine(x1, y + ROW / 2 - 5, x1, y + ROW / 2 + 5);
                String note = String.format(Locale.ROOT, "%,.0f  T3 %d", b.median(), b.t3());
                g.setColor(b.t3() > 0 ? new Color(0xB00000) : Color.BLACK);
                g.drawString(note, Math.max(x1, LEFT + (int) (plot * b.median() / scale)) + 8, y + ROW / 2 + 4);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    /** The next of 1, 2, 2.5, 5 x 10^n at or above {@code v}, so the axis has round numbers. */
    static double niceCeiling(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
