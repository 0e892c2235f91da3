package dev.sctp.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A horizontal bar chart as a PNG, drawn with plain Java2D (headless, no extra dependency): one bar per row at its
 * median, a whisker from the slowest to the fastest round, and a note (the median and the T3 expirations) beside it,
 * so a collapsing round cannot hide behind a good median.
 */
public final class BarChart {

    private static final int WIDTH = 1000;
    private static final int ROW = 34;
    private static final int LEFT = 300;
    private static final int RIGHT = 150;
    private static final int TOP = 70;
    private static final int BOTTOM = 50;
    private static final Color[] COLORS = {new Color(0x4C72B0), new Color(0xDD8452), new Color(0x55A868),
        new Color(0x8172B3), new Color(0xC44E52), new Color(0x937860), new Color(0xDA8BC3)};

    /**
     * One bar.
     *
     * @param label the row's name
     * @param median the bar's length
     * @param min the whisker's start
     * @param max the whisker's end
     * @param t3 T3 expirations over all rounds (drawn in red when not 0)
     * @param colour index into the palette, so one contender keeps its colour across charts
     */
    public record Bar(String label, double median, double min, double max, long t3, int colour) {
    }

    private BarChart() {
    }

    /** Draws {@code bars} under {@code title} and {@code subtitle}, the axis named {@code unit}, into {@code png}. */
    public static void write(Path png, String title, String subtitle, String unit, List<Bar> bars) throws IOException {
        ImageIO.write(draw(title, subtitle, unit, bars), "png", png.toFile());
    }

    /** Draws {@code bars} under {@code title} and {@code subtitle}, the axis named {@code unit}. */
    public static BufferedImage draw(String title, String subtitle, String unit, List<Bar> bars) {
        double top = 1;
        for (Bar b : bars) {
            top = Math.max(top, Math.max(b.max(), b.median()));
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
            g.drawString(unit + "; median bar, whisker: slowest to fastest round; T3: expirations over all rounds",
                    LEFT, height - 12);
            for (int i = 0; i < bars.size(); i++) {
                Bar b = bars.get(i);
                int y = TOP + i * ROW;
                g.setColor(Color.BLACK);
                g.drawString(b.label(), LEFT - 10 - fm.stringWidth(b.label()), y + ROW / 2 + 4);
                g.setColor(COLORS[Math.floorMod(b.colour(), COLORS.length)]);
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
    public static double niceCeiling(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
