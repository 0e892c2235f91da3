package dev.sctp.benchmarks.cross;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.benchmarks.cross.Measurement.Mode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The charts are drawn from the measurements: one bar per pairing, as long as its median rate. */
class CrossChartsTest {

    @Test
    void writesOnePngPerModeWithABarPerPairingScaledToItsMedian(@TempDir Path dir) throws Exception {
        List<PeerKind> kinds = List.of(PeerKind.values());
        List<Measurement> runs = new ArrayList<>();
        for (Mode mode : Mode.values()) {
            for (PeerKind c : kinds) {
                for (PeerKind s : kinds) {
                    // C -> C at 10,000 msg/s, every other pairing at 2,500: the axis tops out at 10,000.
                    long perSecond = c == PeerKind.C && s == PeerKind.C ? 10_000 : 2_500;
                    runs.add(new Measurement(mode, c, s, 0, perSecond, 1024, 1_000_000_000L, 0, 0, 0, 0,
                            mode == Mode.LATENCY ? new Measurement.Latency(100_000, 200_000, 300_000) : null,
                            new ThreadCpu(0, 0, 0, 0, 0)));
                }
            }
        }
        CrossReport report = new CrossReport(Options.defaults(), kinds, List.of(), runs);

        List<Path> pngs = CrossCharts.write(report, kinds, dir.resolve("cross.md"), "test");

        assertThat(pngs).extracting(p -> p.getFileName().toString())
                .containsExactly("cross-one-way.png", "cross-echo.png", "cross-ping-pong.png");
        BufferedImage img = ImageIO.read(Files.newInputStream(pngs.get(0)));
        int pairings = kinds.size() * kinds.size();
        assertThat(img.getHeight()).isEqualTo(70 + 50 + 34 * pairings);
        int plot = 1000 - 300 - 150;
        int firstBarY = 70 + 34 / 2 - 8; // above the whisker, inside the bar
        int secondBarY = firstBarY + 34;
        // The full-scale bar (C -> C) reaches near the right end of the plot, the quarter-scale one does not.
        assertThat(isWhite(img.getRGB(300 + plot * 9 / 10, firstBarY))).isFalse();
        assertThat(isWhite(img.getRGB(300 + plot / 5, secondBarY))).isFalse();
        assertThat(isWhite(img.getRGB(300 + plot * 3 / 5, secondBarY))).isTrue();
    }

    private static boolean isWhite(int rgb) {
        return (rgb & 0xFFFFFF) == 0xFFFFFF;
    }
}
