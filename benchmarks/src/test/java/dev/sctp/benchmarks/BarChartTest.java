package dev.sctp.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bar chart both benchmarks draw: round axis ends, bars as long as their medians. */
class BarChartTest {

    @Test
    void axisEndsOnARoundNumber() {
        assertThat(BarChart.niceCeiling(7_300)).isEqualTo(10_000);
        assertThat(BarChart.niceCeiling(1_900)).isEqualTo(2_000);
        assertThat(BarChart.niceCeiling(2_100)).isEqualTo(2_500);
        assertThat(BarChart.niceCeiling(320)).isEqualTo(500);
    }

    @Test
    void aBarReachesItsMedianOnTheAxisAndNoFurther() {
        // Axis 0..1,000: the first bar is 900 long, the second 100.
        BufferedImage img = BarChart.draw("t", "s", "messages/s", List.of(
                new BarChart.Bar("fast", 900, 900, 900, 0, 0), new BarChart.Bar("slow", 100, 100, 100, 0, 1)));

        int plot = 1000 - 300 - 150;
        int firstBarY = 70 + 34 / 2 - 8;
        int secondBarY = firstBarY + 34;
        assertThat(img.getHeight()).isEqualTo(70 + 50 + 2 * 34);
        assertThat(isWhite(img.getRGB(300 + plot * 85 / 100, firstBarY))).isFalse();
        assertThat(isWhite(img.getRGB(300 + plot * 95 / 100, firstBarY))).isTrue();
        assertThat(isWhite(img.getRGB(300 + plot * 5 / 100, secondBarY))).isFalse();
        assertThat(isWhite(img.getRGB(300 + plot * 15 / 100, secondBarY))).isTrue();
    }

    private static boolean isWhite(int rgb) {
        return (rgb & 0xFFFFFF) == 0xFFFFFF;
    }
}
