package dev.sctp.benchmarks.cross;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sctp.benchmarks.cross.Measurement.Mode;
import dev.sctp.test.RequiresSctp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the cross-process harness from rotting: every pairing of the C loop, dev.sctp and the JDK, each in its own
 * process, runs a few messages one way and echoed, every message must arrive, and the report must parse. Nothing
 * here is timed; the figures of such short runs mean nothing.
 */
@RequiresSctp
@Timeout(600)
class CrossProcessBenchmarkTest {

    private static final int MESSAGES = 100;
    private static final int SIZE = 1024;

    @Test
    void everyPairingDeliversEveryMessageOneWayAndEchoedAndTheReportParses(@TempDir Path dir) throws Exception {
        // A budget no healthy run reaches, so every run does all its messages.
        Options options = new Options(List.of(PeerKind.values()), SIZE, 20, 120_000, 1, MESSAGES, 120_000, 64,
                dir.resolve("cross-process.md"), null, null);

        CrossReport report = new CrossProcessBenchmark(options).run();

        int kinds = PeerKind.values().length;
        assertThat(report.measurements()).hasSize(3 * kinds * kinds);
        for (PeerKind c : PeerKind.values()) {
            for (PeerKind s : PeerKind.values()) {
                for (Mode mode : Mode.values()) {
                    assertThat(report.runs(mode, c, s)).as("%s %s -> %s", mode, c, s).singleElement()
                            .satisfies(m -> {
                                assertThat(m.messages()).isEqualTo(MESSAGES);
                                if (mode == Mode.LATENCY) {
                                    assertThat(m.latency().p50()).isPositive()
                                            .isLessThanOrEqualTo(m.latency().p99());
                                    assertThat(m.latency().p99()).isLessThanOrEqualTo(m.latency().p999());
                                    assertThat(m.latency().p999()).isLessThanOrEqualTo(m.nanos());
                                }
                                assertThat(m.nanos()).isPositive();
                                assertThat(m.t3()).isNotNegative();
                                assertThat(m.clientCpuNanos()).isNotNegative();
                                assertThat(m.serverCpuNanos()).isNotNegative();
                            });
                }
            }
        }
        String md = report.markdown();
        List<String[]> oneWay = tableRows(md, "## One way");
        List<String[]> echo = tableRows(md, "## Echo");
        List<String[]> pingPong = tableRows(md, "## Ping-pong");
        assertThat(pingPong).hasSize(kinds * kinds).allSatisfy(row -> {
            assertThat(row).hasSize(13);
            assertThat(Double.parseDouble(row[5])).isPositive(); // p50 µs
        });
        assertThat(oneWay).hasSize(kinds * kinds);
        assertThat(echo).hasSize(kinds * kinds);
        for (String[] row : concat(oneWay, echo)) {
            assertThat(row).as(String.join("|", row)).hasSize(11);
            assertThat(Double.parseDouble(row[2])).isPositive();
            assertThat(Double.parseDouble(row[6])).isNotNegative();
            assertThat(Double.parseDouble(row[7])).isNotNegative();
            assertThat(Long.parseLong(row[8])).isNotNegative();
        }
        // The server's CPU by thread class: process, application thread, poller, JIT, GC, other.
        for (String heading : List.of("receiver CPU µs/msg by thread class",
                "echo server CPU µs/msg by thread class")) {
            assertThat(tableRows(md, heading)).as(heading).hasSize(kinds * kinds).allSatisfy(row -> {
                assertThat(row).hasSize(8);
                for (int i = 2; i < 8; i++) {
                    assertThat(row[i]).matches("-?\\d+\\.\\d \\(-?\\d+\\.\\d--?\\d+\\.\\d\\)");
                }
            });
        }
        assertThat(tableRows(md, "## Same-run ratios")).anySatisfy(row -> {
            assertThat(row[0]).isEqualTo("dev.sctp receiving from C / C receiving from C (one way)");
            assertThat(row[1]).matches("\\d+\\.\\d\\dx");
        }).anySatisfy(row -> assertThat(row[0]).isEqualTo("dev.sctp echo server / C echo server (C client)"));
        assertThat(md).contains("| net.core.rmem_default / rmem_max | "
                        + ProcStats.read("/proc/sys/net/core/rmem_default") + " / ")
                .containsPattern("C loop client -> dev.sctp server: client rcvbuf \\d+ sndbuf \\d+; server rcvbuf \\d+"
                        + " sndbuf \\d+");
        // Every peer runs on default buffers, and the report shows the kernel's figure for each (the JDK's getOption
        // shows half of it on Linux).
        assertThat(numbersAfter(md, "rcvbuf")).hasSize(2 * kinds * kinds)
                .containsOnly(Long.parseLong(ProcStats.read("/proc/sys/net/core/rmem_default")));
        assertThat(numbersAfter(md, "sndbuf")).hasSize(2 * kinds * kinds)
                .containsOnly(Long.parseLong(ProcStats.read("/proc/sys/net/core/wmem_default")));
    }

    @Test
    void everyPeerOfEveryKindRunsWithTheSocketBuffersAskedForAndTheReportShowsThem(@TempDir Path dir)
            throws Exception {
        // Below rmem_max/wmem_max (212992 by default), so the JDK's plain setsockopt gets them too, and unlike the
        // defaults, so a peer that ignores the option reports a different figure.
        int rcvbuf = 131_072;
        int sndbuf = 196_608;
        Options options = new Options(List.of(PeerKind.values()), SIZE, 4, 120_000, 1, 20, 120_000, 16,
                dir.resolve("cross-process.md"), null, null, rcvbuf, sndbuf);

        CrossReport report = new CrossProcessBenchmark(options).run();

        int kinds = PeerKind.values().length;
        assertThat(report.measurements()).hasSize(3 * kinds * kinds)
                .allSatisfy(m -> assertThat(m.messages()).isEqualTo(20));
        String md = report.markdown();
        // Client and server socket of every pairing, as getsockopt reads them: Linux doubles the value set.
        assertThat(numbersAfter(md, "rcvbuf")).hasSize(2 * kinds * kinds).containsOnly(2L * rcvbuf);
        assertThat(numbersAfter(md, "sndbuf")).hasSize(2 * kinds * kinds).containsOnly(2L * sndbuf);
        assertThat(md).contains("SO_RCVBUF 131072, SO_SNDBUF 196608 on every socket")
                .contains("| socket buffers asked for | SO_RCVBUF 131072, SO_SNDBUF 196608, set on every socket");
    }

    private static List<Long> numbersAfter(String text, String word) {
        List<Long> found = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(word + " (\\d+)").matcher(text);
        while (m.find()) {
            found.add(Long.parseLong(m.group(1)));
        }
        return found;
    }

    @Test
    void cpuTimeComesFromUtimeAndStimeAfterACommandNameWithSpacesAndParentheses() {
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 17 0 0 20 0 30 0 123 456";

        assertThat(ProcStats.cpuNanos(stat)).isEqualTo((250 + 17) * 10_000_000L);
    }

    @Test
    void cpuTimeOfALiveProcessGrowsWhileItComputes() {
        long pid = ProcessHandle.current().pid();
        long before = ProcStats.cpuNanos(pid);
        long x = 0;
        // Runs until the kernel has charged at least one more tick (10 ms) to this process, or fails at the timeout.
        while (ProcStats.cpuNanos(pid) == before) {
            for (int i = 0; i < 1_000_000; i++) {
                x += i ^ x;
            }
        }
        assertThat(ProcStats.cpuNanos(pid)).as("after %d", x).isGreaterThan(before);
    }

    @Test
    void snmpCountersIncludeT3AndFastRetransmits() {
        assertThat(ProcStats.snmp()).containsKeys(ProcStats.T3, ProcStats.FAST_RTX);
    }

    @Test
    void badOptionsNameTheValueAndTheLimit() {
        assertThatThrownBy(() -> Options.parse(new String[] {"--window", "65"}))
                .hasMessageContaining("--window 65 must be between 1 and 64");
        assertThatThrownBy(() -> Options.parse(new String[] {"--kinds", "c,go"}))
                .hasMessageContaining("unknown peer kind 'go'").hasMessageContaining("[c, dev, dev-batched, jdk]");
        assertThatThrownBy(() -> Options.parse(new String[] {"--size", "16384"}))
                .hasMessageContaining("--window 64 x --size 16384").hasMessageContaining("use --window 4 or less");
        assertThatThrownBy(() -> Options.parse(new String[] {"--size", "1"}))
                .hasMessageContaining("--size 1 must be between 2 and 65536");
        assertThatThrownBy(() -> Options.parse(new String[] {"--rcvbuf", "4096"}))
                .hasMessageContaining("--rcvbuf 4096 must be 0 (the kernel's default) or between 65536")
                .hasMessageContaining("e.g. --rcvbuf 524288");
        assertThatThrownBy(() -> Options.parse(new String[] {"--sndbuf", "2000000000"}))
                .hasMessageContaining("--sndbuf 2000000000 must be 0").hasMessageContaining("and 1073741823");
        assertThat(Options.parse(new String[] {"--rcvbuf", "524288"}).bufferArgs())
                .containsExactly("--rcvbuf", "524288");
        assertThat(SocketBuffers.parse(new String[] {"dev", "--sndbuf", "70000", "--rcvbuf", "80000"}, 1))
                .isEqualTo(new SocketBuffers(80_000, 70_000));
        assertThatThrownBy(() -> SocketBuffers.parse(new String[] {"dev", "--rcvbuf"}, 1))
                .hasMessageContaining("--rcvbuf needs a value in bytes");
    }

    /** The cells of the data rows of the first markdown table after {@code heading}. */
    private static List<String[]> tableRows(String md, String heading) {
        List<String> lines = md.substring(md.indexOf(heading)).lines().toList();
        List<String[]> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : lines.subList(1, lines.size())) {
            if (line.startsWith("|")) {
                inTable = true;
                if (!line.startsWith("|---")) {
                    rows.add(Arrays.stream(line.substring(1, line.length() - 1).split("\\|")).map(String::trim)
                            .toArray(String[]::new));
                }
            } else if (inTable) {
                break;
            }
        }
        return rows.subList(1, rows.size()); // without the header row
    }

    private static List<String[]> concat(List<String[]> a, List<String[]> b) {
        List<String[]> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
