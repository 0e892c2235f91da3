package dev.sctp.benchmarks;

import dev.sctp.benchmarks.cross.ProcStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The in-process comparison's result ({@link ThroughputComparison}) as markdown and PNG charts: the machine, one
 * table of one-way rates per message size, the ping-pong latency table, and the same-run ratios the targets are
 * stated in.
 */
public final class CompareReport {

    private final Map<String, Contender> contenders;
    private final List<Integer> sizes;
    private final int latencySize;
    private final Duration budget;
    private final int rounds;
    private final List<CompareRun> runs;
    private final Map<String, String> failures;

    /** A report of {@code runs}; {@code failures} maps a contender's key to what stopped it. */
    public CompareReport(Map<String, Contender> contenders, List<Integer> sizes, int latencySize, Duration budget,
                         int rounds, List<CompareRun> runs, Map<String, String> failures) {
        this.contenders = contenders;
        this.sizes = List.copyOf(sizes);
        this.latencySize = latencySize;
        this.budget = budget;
        this.rounds = rounds;
        this.runs = List.copyOf(runs);
        this.failures = Map.copyOf(failures);
    }

    /** Returns the one-way runs of {@code key} at {@code size}, or its ping-pong runs if size is 0, in round order. */
    public List<CompareRun> runs(String key, int size) {
        return runs.stream().filter(r -> r.key().equals(key) && (size == 0 ? !r.isOneWay()
                : r.isOneWay() && r.size() == size)).toList();
    }

    /** Returns one line naming the kernel and machine, for the charts. */
    public static String machine() {
        return "kernel " + ProcStats.read("/proc/sys/kernel/osrelease") + ", " + ProcStats.cpuModel() + ", "
                + Runtime.getRuntime().availableProcessors() + " CPUs"
                + ("1".equals(System.getenv("SCTP_VM")) ? " (QEMU TCG VM)" : "") + ", "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version");
    }

    /** Returns the whole report. */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# SCTP implementations compared: one association in one process\n\n");
        md.append("Every contender runs both ends of one association on 127.0.0.1 in one process (two threads, or"
                + " Netty's event loops), SCTP_NODELAY on unless stated, default socket buffers.\n\n");
        md.append("| | |\n|---|---|\n");
        row(md, "date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        row(md, "kernel", ProcStats.read("/proc/sys/kernel/ostype") + " " + ProcStats.read("/proc/sys/kernel/osrelease")
                + " " + ProcStats.read("/proc/sys/kernel/version") + " " + System.getProperty("os.arch"));
        row(md, "machine", ProcStats.cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " CPUs"
                + ("1".equals(System.getenv("SCTP_VM")) ? ", QEMU test VM (emulated CPU: compare ratios, not rates)"
                : ""));
        row(md, "Java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + jitOptions());
        row(md, "method", "each contender warmed up first; then " + rounds + " rounds, each running every size and"
                + " contender once (contender order reversed every other round); a run stops after "
                + budget.toMillis() + " ms; a new association per run; CPU is utime+stime of the whole process (both"
                + " ends) during the run; heap B is what every thread of the process allocated during the run (the"
                + " JVM's per-thread count), per message or round trip, both ends; T3 and fast-retransmit are deltas of"
                + " /proc/net/sctp/snmp around the run");
        for (Map.Entry<String, String> f : failures.entrySet()) {
            row(md, "FAILED: " + f.getKey(), f.getValue());
        }
        md.append("\n## One way: the sender sends as fast as it can, the receiver counts\n\n");
        md.append("| contender | size | msg/s median | min | max | MB/s median | vs C loop | CPU µs/msg | heap B/msg"
                + " | T3 per round | fast rtx per round | delayed SACKs per round | DATA discards per round"
                + " | msg/s every round |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|---|---|\n");
        for (int size : sizes) {
            double c = median(runs(ThroughputComparison.C_LOOP, size), CompareRun::rate);
            for (String key : contenders.keySet()) {
                List<CompareRun> r = runs(key, size);
                if (r.isEmpty()) {
                    continue;
                }
                md.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.0f | %.2f | %s | %.1f | %s | %s | %s"
                                + " | %s | %s | %s |%n", contenders.get(key).name(), sizeLabel(size),
                        median(r, CompareRun::rate), min(r, CompareRun::rate), max(r, CompareRun::rate),
                        median(r, x -> x.oneWay().megabytesPerSecond()), ratio(median(r, CompareRun::rate), c),
                        median(r, CompareRun::cpuMicros), bytes(median(r, CompareRun::allocatedBytes)),
                        join(r, x -> Long.toString(x.t3())),
                        join(r, x -> Long.toString(x.fastRetransmits())),
                        join(r, x -> Long.toString(x.delayedSacks())), join(r, x -> Long.toString(x.dataDiscards())),
                        join(r, x -> String.format(Locale.ROOT, "%.0f", x.rate()))));
            }
        }
        md.append("\n## Ping-pong: ").append(sizeLabel(latencySize))
                .append(", one message in flight, every round trip timed\n\n");
        md.append("| contender | round trips/s median | min | max | vs C loop | p50 µs | p99 µs | p99.9 µs |"
                + " p99.9 µs worst round | CPU µs/rt | heap B/rt | T3 per round | fast rtx per round"
                + " | delayed SACKs per round |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|\n");
        double cPing = median(runs(ThroughputComparison.C_LOOP, 0), CompareRun::rate);
        for (String key : contenders.keySet()) {
            List<CompareRun> r = runs(key, 0);
            if (r.isEmpty()) {
                continue;
            }
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %s | %.1f | %.1f | %.1f | %.1f | %.1f"
                            + " | %s | %s | %s | %s |%n", contenders.get(key).name(), median(r, CompareRun::rate),
                    min(r, CompareRun::rate), max(r, CompareRun::rate), ratio(median(r, CompareRun::rate), cPing),
                    median(r, x -> x.pingPong().p50() / 1e3), median(r, x -> x.pingPong().p99() / 1e3),
                    median(r, x -> x.pingPong().p999() / 1e3), max(r, x -> x.pingPong().p999() / 1e3),
                    median(r, CompareRun::cpuMicros), bytes(median(r, CompareRun::allocatedBytes)),
                    join(r, x -> Long.toString(x.t3())),
                    join(r, x -> Long.toString(x.fastRetransmits())), join(r, x -> Long.toString(x.delayedSacks()))));
        }
        md.append("\n## Same-run ratios\n\n");
        md.append("| ratio | median of rates | per-round min | per-round max | CPU/msg ratio | target |\n");
        md.append("|---|---:|---:|---:|---:|---|\n");
        ratio(md, "dev.sctp ping-pong / C loop ping-pong", "dev", ThroughputComparison.C_LOOP, 0, 0.9);
        ratio(md, "dev.sctp batched ping-pong / C loop ping-pong", "dev-batched", ThroughputComparison.C_LOOP, 0, 0);
        for (int size : sizes) {
            ratio(md, "dev.sctp batched / C loop, one way, " + sizeLabel(size), "dev-batched",
                    ThroughputComparison.C_LOOP, size, 1.0);
            ratio(md, "dev.sctp / C loop, one way, " + sizeLabel(size), "dev", ThroughputComparison.C_LOOP, size, 0);
            ratio(md, "dev.sctp / Netty, one way, " + sizeLabel(size), "dev", "netty", size, 0);
            ratio(md, "dev.sctp / JDK, one way, " + sizeLabel(size), "dev", ThroughputComparison.JDK, size, 0);
        }
        ratio(md, "dev.sctp ping-pong / Netty ping-pong", "dev", "netty", 0, 0);
        ratio(md, "Spring gateways request/reply / Netty ping-pong (echo)", "spring", "netty", 0, 1.2);
        ratio(md, "Spring gateways request/reply / dev.sctp ping-pong", "spring", "dev", 0, 0);
        ratio(md, "Spring Boot starter request/reply / Netty ping-pong (echo)", "spring-boot", "netty", 0, 1.2);
        ratio(md, "Spring Boot starter request/reply / dev.sctp ping-pong", "spring-boot", "dev", 0, 0);
        ratio(md, "dev.sctp ping-pong / JDK ping-pong", "dev", ThroughputComparison.JDK, 0, 0);
        return md.toString();
    }

    /**
     * One ratio row, {@code num} over {@code den} at {@code size} (0: ping-pong), with the per-round ratios (the runs
     * of one round ran back to back) and the target, if any, met or missed by how much.
     */
    private void ratio(StringBuilder md, String name, String num, String den, int size, double target) {
        List<CompareRun> n = runs(num, size);
        List<CompareRun> d = runs(den, size);
        if (n.isEmpty() || d.isEmpty() || n.size() != d.size()) {
            return;
        }
        double r = median(n, CompareRun::rate) / median(d, CompareRun::rate);
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (int i = 0; i < n.size(); i++) {
            double x = n.get(i).rate() / d.get(i).rate();
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        String t = target == 0 ? "" : r >= target ? "≥ " + target + "x: met"
                : String.format(Locale.ROOT, "≥ %.1fx: MISSED by %.0f%%", target, (target - r) / target * 100);
        md.append(String.format(Locale.ROOT, "| %s | %.2fx | %.2fx | %.2fx | %.2fx | %s |%n", name, r, lo, hi,
                median(n, CompareRun::cpuMicros) / median(d, CompareRun::cpuMicros), t));
    }

    /** Writes compare-one-way-SIZE.png per size and compare-ping-pong.png next to {@code markdown}. */
    public List<Path> writeCharts(Path markdown) throws IOException {
        String base = markdown.getFileName().toString().replaceFirst("\\.md$", "");
        Path dir = markdown.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        String subtitle = "median of " + rounds + " rounds, one association, loopback; " + machine();
        for (int size : sizes) {
            Path png = dir.resolve(base + "-one-way-" + sizeLabel(size).replace(" ", "") + ".png");
            BarChart.write(png, "One way, " + sizeLabel(size) + " messages: messages/s", subtitle, "messages/s",
                    bars(size, CompareRun::rate));
            written.add(png);
        }
        Path png = dir.resolve(base + "-ping-pong.png");
        BarChart.write(png, "Ping-pong, " + sizeLabel(latencySize) + ": round trips/s", subtitle, "round trips/s",
                bars(0, CompareRun::rate));
        written.add(png);
        return written;
    }

    private List<BarChart.Bar> bars(int size, ToDoubleFunction<CompareRun> f) {
        List<BarChart.Bar> bars = new ArrayList<>();
        int colour = 0;
        for (String key : contenders.keySet()) {
            List<CompareRun> r = runs(key, size);
            if (!r.isEmpty()) {
                bars.add(new BarChart.Bar(contenders.get(key).name(), median(r, f), min(r, f), max(r, f),
                        r.stream().mapToLong(CompareRun::t3).sum(), colour));
            }
            colour++;
        }
        return bars;
    }

    static String sizeLabel(int size) {
        return size % 1024 == 0 ? size / 1024 + " KiB" : size + " B";
    }

    /** The JVM's -XX options (how it compiles, which every figure depends on), or "" when there are none. */
    static String jitOptions() {
        List<String> xx = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-XX:")).toList();
        return xx.isEmpty() ? "" : ", " + String.join(" ", xx);
    }

    /** Bytes per message with one decimal, or "-" when not measured (the C loop). */
    private static String bytes(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }

    private static void row(StringBuilder md, String name, String value) {
        md.append("| ").append(name).append(" | ").append(value.replace("|", "/")).append(" |\n");
    }

    private static String ratio(double value, double base) {
        return Double.isNaN(value) || Double.isNaN(base) || base == 0 ? "-"
                : String.format(Locale.ROOT, "%.2fx", value / base);
    }

    static double median(List<CompareRun> runs, ToDoubleFunction<CompareRun> f) {
        double[] v = runs.stream().mapToDouble(f).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double min(List<CompareRun> runs, ToDoubleFunction<CompareRun> f) {
        return runs.stream().mapToDouble(f).min().orElse(Double.NaN);
    }

    private static double max(List<CompareRun> runs, ToDoubleFunction<CompareRun> f) {
        return runs.stream().mapToDouble(f).max().orElse(Double.NaN);
    }

    private static String join(List<CompareRun> runs, java.util.function.Function<CompareRun, String> f) {
        return runs.stream().map(f).collect(Collectors.joining(", "));
    }
}
