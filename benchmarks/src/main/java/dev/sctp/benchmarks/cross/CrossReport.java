package dev.sctp.benchmarks.cross;

import dev.sctp.benchmarks.cross.Measurement.Mode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The cross-process benchmark's result as markdown: the machine and settings, a table per mode with the median,
 * min and max of every pairing and every round's figure, the kernel's T3/fast-retransmit deltas and CPU time per
 * message of both processes, and the same-run ratios the targets are stated in.
 */
public final class CrossReport {

    /** The ratio targets of issues 8 and 11: dev.sctp at 0.9x the C loop or better, measured in the same run. */
    static final double TARGET = 0.9;

    private final Options options;
    private final List<PeerKind> kinds;
    private final List<String> buffers;
    private final List<Measurement> measured;

    CrossReport(Options options, List<PeerKind> kinds, List<String> buffers, List<Measurement> measured) {
        this.options = options;
        this.kinds = List.copyOf(kinds);
        this.buffers = List.copyOf(buffers);
        this.measured = List.copyOf(measured);
    }

    /** Returns every measured run, in the order they ran. */
    public List<Measurement> measurements() {
        return measured;
    }

    /** Returns the runs of one pairing in one mode, in round order. */
    public List<Measurement> runs(Mode mode, PeerKind client, PeerKind server) {
        return measured.stream().filter(m -> m.mode() == mode && m.client() == client && m.server() == server)
                .sorted((a, b) -> Integer.compare(a.round(), b.round())).toList();
    }

    /** Returns one line naming the kernel, machine and settings, for the charts. */
    public String subtitle() {
        // Only the buffers that were set: the line is a chart's subtitle, cut at the chart's width.
        String set = (options.receiveBuffer() > 0 ? ", SO_RCVBUF " + options.receiveBuffer() : "")
                + (options.sendBuffer() > 0 ? ", SO_SNDBUF " + options.sendBuffer() : "");
        return String.format(Locale.ROOT, "%d-byte messages, NODELAY%s, loopback; median of %d rounds; kernel %s,"
                        + " %s, %d CPUs%s", options.size(), set, options.rounds(),
                ProcStats.read("/proc/sys/kernel/osrelease"), ProcStats.cpuModel(),
                Runtime.getRuntime().availableProcessors(),
                "1".equals(System.getenv("SCTP_VM")) ? " (QEMU TCG VM)" : "");
    }

    /** Returns the whole report. */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Cross-process SCTP benchmark\n\n");
        md.append("Sender and receiver are separate, long-lived processes on one loopback association each; every"
                + " implementation is paired with every other. ").append(options.size())
                .append("-byte messages on stream 0, SCTP_NODELAY on, ").append(bufferWords()).append(".\n\n");
        setup(md);
        md.append("\n## One way: the sender sends as fast as it can, the receiver counts\n\n");
        table(md, Mode.ONE_WAY, "sender", "receiver");
        threadTable(md, Mode.ONE_WAY, "receiver");
        md.append("\n## Echo: the client keeps up to ").append(options.window())
                .append(" messages in flight, the server echoes each\n\n");
        table(md, Mode.ECHO, "client", "echo server");
        threadTable(md, Mode.ECHO, "echo server");
        md.append("\n## Ping-pong: one message in flight, every round trip timed (runs of at most ")
                .append(options.latencyBudgetMillis()).append(" ms)\n\n");
        latencyTable(md);
        md.append("\n## Same-run ratios\n\n");
        ratios(md);
        return md.toString();
    }

    private void setup(StringBuilder md) {
        md.append("| | |\n|---|---|\n");
        row(md, "date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        row(md, "kernel", ProcStats.read("/proc/sys/kernel/ostype") + " " + ProcStats.read("/proc/sys/kernel/osrelease")
                + " " + ProcStats.read("/proc/sys/kernel/version") + " " + System.getProperty("os.arch"));
        row(md, "machine", ProcStats.cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " CPUs"
                + ("1".equals(System.getenv("SCTP_VM")) ? ", QEMU test VM (emulated CPU: compare ratios, not rates)"
                : ""));
        row(md, "Java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        row(md, "net.core.rmem_default / rmem_max", ProcStats.read("/proc/sys/net/core/rmem_default") + " / "
                + ProcStats.read("/proc/sys/net/core/rmem_max"));
        row(md, "net.core.wmem_default / wmem_max", ProcStats.read("/proc/sys/net/core/wmem_default") + " / "
                + ProcStats.read("/proc/sys/net/core/wmem_max"));
        row(md, "net.sctp.rcvbuf_policy / sctp_rmem", ProcStats.read("/proc/sys/net/sctp/rcvbuf_policy") + " / "
                + ProcStats.read("/proc/sys/net/sctp/sctp_rmem"));
        boolean set = options.receiveBuffer() + options.sendBuffer() > 0;
        row(md, "socket buffers asked for", options.bufferSummary() + (set
                ? ", set on every socket of every peer before its association is set up (the listener before accept,"
                + " the client before connect; SO_RCVBUFFORCE/SO_SNDBUFFORCE where the peer may, as dev.sctp does;"
                + " the JDK's plain SO_RCVBUF is capped by rmem_max, and its listener has no SO_RCVBUF, so a JDK server"
                + " sets them right after accept)" : " (the kernel's defaults)"));
        row(md, "method", "JIT warm-up: each pairing runs " + options.warmupMessagesPerPairing() + " messages one"
                + " way and as many echoed, so every process handles at least " + options.warmupMessages()
                + " of each (a warm-up run stops after " + options.warmupBudgetMillis() + " ms); then "
                + options.rounds() + " rounds, every pairing once per round, order reversed every other round;"
                + " a run stops after " + options.budgetMillis() + " ms or " + options.maxMessages() + " messages;"
                + " CPU is utime+stime of each whole process"
                + " (/proc/PID/stat, 10 ms ticks), and by thread class of the server (/proc/PID/task/*/stat:"
                + " application thread, the library's poller, JIT compiler, GC, other); T3 and fast-retransmit are"
                + " deltas of /proc/net/sctp/snmp");
        md.append("\nSO_RCVBUF / SO_SNDBUF in effect (getsockopt; Linux reports twice the value set):\n\n");
        for (String b : buffers) {
            md.append("- ").append(b).append('\n');
        }
    }

    /** "default socket buffers", or the buffers every peer set, for the report's first line. */
    private String bufferWords() {
        return options.receiveBuffer() + options.sendBuffer() == 0 ? "default socket buffers"
                : options.bufferSummary() + " on every socket";
    }

    private static void row(StringBuilder md, String name, String value) {
        md.append("| ").append(name).append(" | ").append(value.replace("|", "/")).append(" |\n");
    }

    private void table(StringBuilder md, Mode mode, String clientRole, String serverRole) {
        md.append("| ").append(clientRole).append(" | ").append(serverRole).append(" | msg/s median | min | max | MB/s"
                        + " median | ").append(clientRole).append(" CPU µs/msg | ").append(serverRole)
                .append(" CPU µs/msg | T3 per round | fast rtx per round | msg/s every round |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---|---|---|\n");
        for (PeerKind c : kinds) {
            for (PeerKind s : kinds) {
                List<Measurement> runs = runs(mode, c, s);
                if (runs.isEmpty()) {
                    continue;
                }
                md.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.0f | %.2f | %.1f | %.1f | %s | %s"
                                + " | %s |%n", c.label(), s.label(),
                        median(runs, Measurement::messagesPerSecond), min(runs, Measurement::messagesPerSecond),
                        max(runs, Measurement::messagesPerSecond), median(runs, Measurement::megabytesPerSecond),
                        median(runs, Measurement::clientCpuMicrosPerMessage),
                        median(runs, Measurement::serverCpuMicrosPerMessage),
                        join(runs, m -> Long.toString(m.t3())), join(runs, m -> Long.toString(m.fastRetransmits())),
                        join(runs, m -> String.format(Locale.ROOT, "%.0f", m.messagesPerSecond()))));
            }
        }
    }

    /**
     * The server's CPU per message by thread class, median (min-max) of the rounds: whether the process's figure is
     * the receive path or the JIT and GC around it.
     */
    private void threadTable(StringBuilder md, Mode mode, String serverRole) {
        md.append("\n").append(serverRole).append(" CPU µs/msg by thread class, median (min-max):\n\n");
        md.append("| client | ").append(serverRole).append(" | process | application thread | poller | JIT | GC | other"
                + " |\n|---|---|---:|---:|---:|---:|---:|---:|\n");
        List<ToDoubleFunction<Measurement>> columns = List.of(Measurement::serverCpuMicrosPerMessage,
                m -> ThreadCpu.perMessage(m.serverThreads().app(), m.messages()),
                m -> ThreadCpu.perMessage(m.serverThreads().poller(), m.messages()),
                m -> ThreadCpu.perMessage(m.serverThreads().jit(), m.messages()),
                m -> ThreadCpu.perMessage(m.serverThreads().gc(), m.messages()),
                m -> ThreadCpu.perMessage(m.serverThreads().other(), m.messages()));
        for (PeerKind c : kinds) {
            for (PeerKind s : kinds) {
                List<Measurement> runs = runs(mode, c, s);
                if (runs.isEmpty()) {
                    continue;
                }
                md.append("| ").append(c.label()).append(" | ").append(s.label()).append(" |");
                for (ToDoubleFunction<Measurement> f : columns) {
                    md.append(String.format(Locale.ROOT, " %.1f (%.1f-%.1f) |", median(runs, f), min(runs, f),
                            max(runs, f)));
                }
                md.append('\n');
            }
        }
    }

    private void latencyTable(StringBuilder md) {
        md.append("| client | echo server | round trips/s median | min | max | p50 µs | p99 µs | p99.9 µs |"
                + " p99.9 µs worst round | client CPU µs/rt | server CPU µs/rt | T3 per round"
                + " | fast rtx per round |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
        for (PeerKind c : kinds) {
            for (PeerKind s : kinds) {
                List<Measurement> runs = runs(Mode.LATENCY, c, s);
                if (runs.isEmpty()) {
                    continue;
                }
                md.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.0f | %.1f | %.1f | %.1f | %.1f | %.1f"
                                + " | %.1f | %s | %s |%n", c.label(), s.label(),
                        median(runs, Measurement::messagesPerSecond), min(runs, Measurement::messagesPerSecond),
                        max(runs, Measurement::messagesPerSecond), median(runs, m -> m.latency().p50() / 1e3),
                        median(runs, m -> m.latency().p99() / 1e3), median(runs, m -> m.latency().p999() / 1e3),
                        max(runs, m -> m.latency().p999() / 1e3), median(runs, Measurement::clientCpuMicrosPerMessage),
                        median(runs, Measurement::serverCpuMicrosPerMessage),
                        join(runs, m -> Long.toString(m.t3())), join(runs, m -> Long.toString(m.fastRetransmits()))));
            }
        }
    }

    private void ratios(StringBuilder md) {
        md.append("| ratio (same run) | median of rates | per-round min | per-round max | CPU/msg ratio | target |\n");
        md.append("|---|---:|---:|---:|---:|---|\n");
        ratio(md, "dev.sctp receiving from C / C receiving from C (one way)", Mode.ONE_WAY, PeerKind.C, PeerKind.DEV,
                PeerKind.C, PeerKind.C, false, true);
        ratio(md, "dev.sctp batched receiving from C / C receiving from C (one way)", Mode.ONE_WAY, PeerKind.C,
                PeerKind.DEV_BATCHED, PeerKind.C, PeerKind.C, false, false);
        ratio(md, "dev.sctp batched to dev.sctp batched / C to C (one way; target 1.0x)", Mode.ONE_WAY,
                PeerKind.DEV_BATCHED, PeerKind.DEV_BATCHED, PeerKind.C, PeerKind.C, false, false);
        ratio(md, "JDK receiving from C / C receiving from C (one way)", Mode.ONE_WAY, PeerKind.C, PeerKind.JDK,
                PeerKind.C, PeerKind.C, false, false);
        ratio(md, "dev.sctp sending to C / C sending to C (one way)", Mode.ONE_WAY, PeerKind.DEV, PeerKind.C,
                PeerKind.C, PeerKind.C, true, false);
        ratio(md, "dev.sctp echo server / C echo server (C client)", Mode.ECHO, PeerKind.C, PeerKind.DEV,
                PeerKind.C, PeerKind.C, false, true);
        ratio(md, "JDK echo server / C echo server (C client)", Mode.ECHO, PeerKind.C, PeerKind.JDK,
                PeerKind.C, PeerKind.C, false, false);
        ratio(md, "dev.sctp batched echo server / C echo server (C client)", Mode.ECHO, PeerKind.C,
                PeerKind.DEV_BATCHED, PeerKind.C, PeerKind.C, false, false);
        ratio(md, "dev.sctp client / C client (C echo server)", Mode.ECHO, PeerKind.DEV, PeerKind.C,
                PeerKind.C, PeerKind.C, true, false);
        ratio(md, "dev.sctp to dev.sctp / C to C (one way)", Mode.ONE_WAY, PeerKind.DEV, PeerKind.DEV,
                PeerKind.C, PeerKind.C, false, false);
        ratio(md, "dev.sctp to dev.sctp / C to C (echo)", Mode.ECHO, PeerKind.DEV, PeerKind.DEV,
                PeerKind.C, PeerKind.C, false, false);
        ratio(md, "dev.sctp to dev.sctp / C to C (ping-pong round trips)", Mode.LATENCY, PeerKind.DEV, PeerKind.DEV,
                PeerKind.C, PeerKind.C, false, true);
        ratio(md, "dev.sctp client / C client (C echo server, ping-pong)", Mode.LATENCY, PeerKind.DEV, PeerKind.C,
                PeerKind.C, PeerKind.C, true, false);
        ratio(md, "dev.sctp echo server / C echo server (C client, ping-pong)", Mode.LATENCY, PeerKind.C, PeerKind.DEV,
                PeerKind.C, PeerKind.C, false, false);
        List<Measurement> dev = measured.stream()
                .filter(m -> isDev(m.client()) || isDev(m.server())).toList();
        if (!dev.isEmpty()) {
            long total = dev.stream().mapToLong(Measurement::t3).sum();
            long worst = dev.stream().mapToLong(Measurement::t3).max().orElse(0);
            long runsWithT3 = dev.stream().filter(m -> m.t3() > 0).count();
            md.append(String.format(Locale.ROOT, "%nT3 expirations in runs with dev.sctp (plain or batched) at either end: %d in %d of"
                            + " %d runs (at most %d in one run); target 0 in every run: %s.%n", total, runsWithT3,
                    dev.size(), worst, runsWithT3 == 0 ? "met" : "MISSED"));
        }
    }

    private static boolean isDev(PeerKind k) {
        return k == PeerKind.DEV || k == PeerKind.DEV_BATCHED;
    }

    /**
     * One ratio row: the pairing (nc -> ns) over (dc -> ds). With {@code clientCpu} the CPU ratio compares the
     * clients, otherwise the servers (the side that differs).
     */
    private void ratio(StringBuilder md, String name, Mode mode, PeerKind nc, PeerKind ns, PeerKind dc, PeerKind ds,
                       boolean clientCpu, boolean targeted) {
        List<Measurement> num = runs(mode, nc, ns);
        List<Measurement> den = runs(mode, dc, ds);
        if (num.isEmpty() || den.isEmpty() || num.size() != den.size()) {
            return;
        }
        double r = median(num, Measurement::messagesPerSecond) / median(den, Measurement::messagesPerSecond);
        double[] perRound = new double[num.size()];
        for (int i = 0; i < perRound.length; i++) {
            perRound[i] = num.get(i).messagesPerSecond() / den.get(i).messagesPerSecond();
        }
        ToDoubleFunction<Measurement> cpu = clientCpu ? Measurement::clientCpuMicrosPerMessage
                : Measurement::serverCpuMicrosPerMessage;
        double cpuRatio = median(num, cpu) / median(den, cpu);
        String target = !targeted ? "" : r >= TARGET ? "≥ " + TARGET + "x: met"
                : String.format(Locale.ROOT, "≥ %.1fx: MISSED by %.0f%%", TARGET, (TARGET - r) / TARGET * 100);
        md.append(String.format(Locale.ROOT, "| %s | %.2fx | %.2fx | %.2fx | %.2fx | %s |%n", name, r,
                Arrays.stream(perRound).min().orElse(Double.NaN), Arrays.stream(perRound).max().orElse(Double.NaN),
                cpuRatio, target));
    }

    static double median(List<Measurement> runs, ToDoubleFunction<Measurement> f) {
        double[] v = runs.stream().mapToDouble(f).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double min(List<Measurement> runs, ToDoubleFunction<Measurement> f) {
        return runs.stream().mapToDouble(f).min().orElse(Double.NaN);
    }

    private static double max(List<Measurement> runs, ToDoubleFunction<Measurement> f) {
        return runs.stream().mapToDouble(f).max().orElse(Double.NaN);
    }

    private static String join(List<Measurement> runs, java.util.function.Function<Measurement, String> f) {
        return runs.stream().map(f).collect(Collectors.joining(", "));
    }
}
