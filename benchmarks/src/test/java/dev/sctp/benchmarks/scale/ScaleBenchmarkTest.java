package dev.sctp.benchmarks.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sctp.test.RequiresSctp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the scale benchmark from rotting: both server stacks in their own process, 50 associations from the C client,
 * a few seconds of one message per association per second. Every message sent must come back, the server must have
 * echoed exactly those, and the report must parse. Nothing here is timed; the figures of so short a run mean nothing.
 */
@RequiresSctp
@Timeout(300)
class ScaleBenchmarkTest {

    private static final int ASSOCIATIONS = 50;

    @Test
    void everyAssociationIsHeldAndEveryMessageEchoedAndTheReportParses(@TempDir Path dir) throws Exception {
        ScaleOptions options = ScaleOptions.parse("--counts", Integer.toString(ASSOCIATIONS), "--stacks",
                "core,spring", "--interval-ms", "1000", "--warmup-ms", "1000", "--measure-ms", "3000", "--rounds", "2", "--out", dir.resolve("scale.md").toString(), "--server-jvm-args",
                "-Xms32m -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC");

        ScaleBenchmark benchmark = new ScaleBenchmark(options);
        List<ScaleRun> runs = benchmark.run();

        assertThat(benchmark.failures()).isEmpty();
        assertThat(runs).extracting(ScaleRun::stack).containsExactly("core", "spring");
        for (ScaleRun run : runs) {
            assertThat(run.baseline().associations()).as(run.label()).isZero();
            assertThat(run.idle().associations()).as(run.label()).isEqualTo(ASSOCIATIONS);
            assertThat(run.afterTraffic().associations()).as(run.label()).isEqualTo(ASSOCIATIONS);
            assertThat(run.idle().pollers()).as(run.label()).isBetween(1, 2);
            assertThat(run.idle().nativeBuffers()).as(run.label()).isGreaterThan(run.baseline().nativeBuffers());
            assertThat(run.rounds()).as(run.label()).hasSize(2);
            for (ScaleRun.Round each : run.rounds()) {
                // 50 associations, one message a second each, for 3 s: 150 in each round's window, give or take
                // the edges; the second round's count is its own, not the sum of both windows.
                assertThat(each.sent()).as(run.label()).isBetween(100L, 200L);
                assertThat(each.echoed()).as(run.label()).isEqualTo(each.sent());
                assertThat(each.totalEchoed()).as(run.label()).isEqualTo(each.totalSent());
            }
            ScaleRun.Round round = run.rounds().get(1);
            // The server's own count: exactly the messages the client sent over both rounds, none lost or twice.
            assertThat(run.afterTraffic().echoed() - run.idle().echoed()).as(run.label())
                    .isEqualTo(round.totalSent());
            assertThat(round.p50()).as(run.label()).isPositive().isLessThanOrEqualTo(round.p99());
            assertThat(round.p99()).as(run.label()).isLessThanOrEqualTo(round.max());
            assertThat(round.serverCpuNanos()).as(run.label()).isNotNegative();
            assertThat(round.resets()).as(run.label()).isZero();
            assertThat(round.lost()).as(run.label()).isZero();
            assertThat(round.backlogDrops()).as(run.label()).isNotNegative();
        }

        ScaleReport report = new ScaleReport(options, runs, benchmark.failures());
        List<Path> written = report.write();
        for (Path file : written) {
            assertThat(Files.size(file)).as(file.toString()).isPositive();
        }
        String md = Files.readString(dir.resolve("scale.md"));
        assertThat(md).contains("| kernel | Linux ");
        List<String[]> memory = tableRows(md, "## Threads and memory");
        List<String[]> traffic = tableRows(md, "## One message per association");
        List<String[]> targets = tableRows(md, "## Targets");
        assertThat(memory).hasSize(2).allSatisfy(row -> {
            assertThat(row).hasSize(11);
            assertThat(row[2]).isEqualTo(Integer.toString(ASSOCIATIONS));
            assertThat(Double.parseDouble(row[7])).isPositive(); // native buffers per association
        });
        assertThat(traffic).hasSize(2).allSatisfy(row -> {
            assertThat(row).hasSize(15);
            assertThat(row[13]).isEqualTo("0 (0)"); // no association reset
            assertThat(row[4]).isEqualTo(row[5]); // sent == echoed
            assertThat(Double.parseDouble(row[8].split(" ")[0])).isPositive(); // p50 ms
        });
        assertThat(targets).hasSize(2).allSatisfy(row -> assertThat(row[1]).startsWith("met"));
        assertThat(md).doesNotContain("## Did not complete");
    }

    @Test
    void badOptionsNameTheValueAndWhatIsAllowed() {
        assertThatThrownBy(() -> ScaleOptions.parse("--size", "8")).hasMessageContaining("--size 8")
                .hasMessageContaining("16..65536");
        assertThatThrownBy(() -> ScaleOptions.parse("--stacks", "netty")).hasMessageContaining("'netty'")
                .hasMessageContaining("core,spring");
        assertThatThrownBy(() -> ScaleOptions.parse("--counts", "0")).hasMessageContaining("--counts 0");
        assertThatThrownBy(() -> ScaleOptions.parse("--jvms", "/usr/bin/java")).hasMessageContaining("LABEL=PATH");
    }

    /** The cells of the table under {@code heading}, header and separator rows left out. */
    private static List<String[]> tableRows(String md, String heading) {
        String section = md.substring(md.indexOf(heading));
        int next = section.indexOf("\n## ", 1);
        section = next > 0 ? section.substring(0, next) : section;
        return section.lines().filter(l -> l.startsWith("|")).skip(2)
                .map(l -> Arrays.stream(l.substring(1, l.length() - 1).split("\\|")).map(String::trim)
                        .toArray(String[]::new))
                .toList();
    }
}
