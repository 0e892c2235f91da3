package dev.sctp.benchmarks.scale;

import dev.sctp.benchmarks.CBinary;
import dev.sctp.benchmarks.cross.ProcStats;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The scale benchmark: one echo server process ({@link ScaleServer}, sctp-core or the Spring path, on each JVM
 * asked for) and one C client process ({@code sctp_scale_clients}) holding N associations to it, each sending one
 * message a second. Everything is measured in the server process: threads, heap after GC, the library's native
 * buffers and resident set (smaps_rollup) per idle association, then CPU time per message and echo latency at that
 * rate.
 *
 * <p>Run it with {@code scripts/bench scale [ARGS]}; see {@link ScaleOptions} for ARGS.
 */
public final class ScaleBenchmark {

    private static final long CONNECT_TIMEOUT_MS = 20 * 60_000;
    // The Spring server took over 120 s to start in the emulated VM while two other VMs shared the host's 2 cores.
    private static final long PORT_TIMEOUT_MS = 10 * 60_000;

    private final ScaleOptions options;
    private final List<String> failures = new ArrayList<>();
    private boolean writeAsItGoes;

    /** A benchmark of {@code options}. */
    public ScaleBenchmark(ScaleOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        ScaleOptions options = ScaleOptions.parse(args);
        ScaleBenchmark benchmark = new ScaleBenchmark(options);
        benchmark.writeAsItGoes = true;
        List<ScaleRun> runs = benchmark.run();
        ScaleReport report = new ScaleReport(options, runs, benchmark.failures());
        report.write();
        System.out.println(report.markdown());
        System.out.println("wrote " + options.out() + " and its charts");
    }

    /** Returns the configurations that did not complete (e.g. out of memory), each with its reason. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    /**
     * Runs every count x JVM x stack, in that order, each in fresh processes. A configuration that fails (e.g. the
     * machine runs out of memory at a large count) is recorded in {@link #failures()} and the others still run.
     */
    public List<ScaleRun> run() throws IOException, InterruptedException {
        Path client = CBinary.build(options.cSource(), "sctp_scale_clients.c");
        List<ScaleRun> runs = new ArrayList<>();
        for (int count : options.counts()) {
            for (ScaleOptions.Jvm jvm : options.jvms()) {
                for (String stack : options.stacks()) {
                    System.err.printf("scale: %s on %s, %d associations%n", stack, jvm.label(), count);
                    try {
                        runs.add(runOne(client, jvm, stack, count));
                    } catch (IllegalStateException | IOException e) {
                        String failure = String.format("%s, %s, %d associations: %s", stack, jvm.label(), count,
                                e.getMessage());
                        System.err.println("scale: did not complete: " + failure);
                        failures.add(failure);
                    }
                    if (writeAsItGoes) {
                        // A later configuration may take the machine down (memory): keep what is measured so far.
                        new ScaleReport(options, runs, failures).write();
                    }
                }
            }
        }
        return runs;
    }

    private ScaleRun runOne(Path clientBinary, ScaleOptions.Jvm jvm, String stack, int count)
            throws IOException, InterruptedException {
        List<String> serverCommand = new ArrayList<>();
        serverCommand.add(jvm.java());
        serverCommand.addAll(serverJvmArgs());
        serverCommand.addAll(List.of("-cp", System.getProperty("java.class.path"), ScaleServer.class.getName(),
                stack, Integer.toString(Math.max(options.size(), 256))));
        try (LineProcess server = LineProcess.start("server", serverCommand)) {
            int port = Integer.parseInt(server.expect("port ", PORT_TIMEOUT_MS).substring(5).trim());
            ScaleRun.ServerStats baseline = stats(server);
            diagnose(server, stack + " " + jvm.label() + " before any association");
            List<String> clientCommand = List.of(clientBinary.toString(), Integer.toString(port),
                    Integer.toString(count), Integer.toString(options.size()), Long.toString(options.intervalMs()));
            try (LineProcess client = LineProcess.start("client", clientCommand)) {
                String connected = client.expect("connected ", CONNECT_TIMEOUT_MS);
                long connectMs = num(fields(connected), "ms");
                long refused = num(fields(connected), "refused");
                ScaleRun.ServerStats idle = awaitAssociations(server, count);
                diagnose(server, stack + " " + jvm.label() + " " + count + " idle associations");
                List<ScaleRun.Round> rounds = new ArrayList<>();
                try {
                    for (int r = 0; r < options.rounds(); r++) {
                        // The first round warms the JIT up; later ones only let the schedule settle.
                        long warmup = r == 0 ? options.warmupMs() : Math.min(options.warmupMs(),
                                options.intervalMs());
                        rounds.add(round(server, client, warmup));
                    }
                } catch (IllegalStateException | IOException e) {
                    // The idle figures are measured already and do not depend on the traffic: keep them.
                    String failure = String.format("%s, %s, %d associations: traffic round %d of %d did not complete"
                            + " (%s); its idle memory and thread figures were measured before the traffic and are"
                            + " reported, its traffic rows show only the rounds that completed", stack, jvm.label(),
                            count, rounds.size() + 1, options.rounds(), e.getMessage());
                    System.err.println("scale: " + failure);
                    failures.add(failure);
                    return new ScaleRun(stack, jvm.label(), server.lastHandlers(), count, connectMs, refused,
                            baseline, idle, statsOr(server, idle), rounds);
                }
                ScaleRun.ServerStats after;
                try {
                    after = stats(server);
                    client.send("close");
                    client.expect("closed", 600_000);
                } catch (IllegalStateException | IOException e) {
                    // E.g. the server killed by the kernel's OOM killer after the rounds: what was measured stays.
                    String failure = String.format("%s, %s, %d associations: ended after its %d traffic rounds (%s);"
                            + " its idle figures and rounds are reported, its heap after traffic is the idle one",
                            stack, jvm.label(), count, rounds.size(), e.getMessage());
                    System.err.println("scale: " + failure);
                    failures.add(failure);
                    return new ScaleRun(stack, jvm.label(), server.lastHandlers(), count, connectMs, refused,
                            baseline, idle, statsOr(server, idle), rounds);
                }
                return new ScaleRun(stack, jvm.label(), server.lastHandlers(), count, connectMs, refused, baseline, idle,
                        after, rounds);
            } finally {
                server.send("quit");
            }
        }
    }

    /** One round, and what the kernel's network processing went through during it (the log's "kernel load"). */
    private ScaleRun.Round round(LineProcess server, LineProcess client, long warmupMs)
            throws IOException, InterruptedException {
        try (KernelLoad load = new KernelLoad()) {
            ScaleRun.Round round = measureRound(server, client, warmupMs);
            System.err.println("scale: round kernel load: " + load.summary());
            return round;
        }
    }

    private ScaleRun.Round measureRound(LineProcess server, LineProcess client, long warmupMs)
            throws IOException, InterruptedException {
        Map<String, Long> snmp0 = ProcStats.snmp();
        long drops0 = backlogDrops();
        client.send("run " + warmupMs + " " + options.measureMs());
        long timeout = warmupMs + options.measureMs() + 120_000;
        client.expect("measuring", timeout);
        long cpu0 = ProcStats.cpuNanos(server.pid());
        long t3 = ProcStats.snmp().get(ProcStats.T3);
        long start = System.nanoTime();
        client.expect("window-end", timeout);
        long cpu1 = ProcStats.cpuNanos(server.pid());
        long window = System.nanoTime() - start;
        t3 = ProcStats.snmp().get(ProcStats.T3) - t3;
        Map<String, String> r = fields(client.expect("result ", 120_000));
        Map<String, Long> snmp1 = ProcStats.snmp();
        long drops = backlogDrops() - drops0;
        // The whole round's counter deltas go to the log: what to read when an association is lost.
        StringBuilder deltas = new StringBuilder();
        snmp1.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            long d = e.getValue() - snmp0.getOrDefault(e.getKey(), 0L);
            if (d != 0) {
                deltas.append(' ').append(e.getKey()).append('=').append(d);
            }
        });
        System.err.println("scale: round snmp deltas:" + deltas + "; softnet backlog drops=" + drops + "; client: "
                + String.join(" ", r.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted()
                .toList()));
        long aborted = snmp1.getOrDefault("SctpAborteds", 0L) - snmp0.getOrDefault("SctpAborteds", 0L);
        return new ScaleRun.Round(window, num(r, "window_sent"), num(r, "window_echoed"), num(r, "sent"),
                num(r, "echoed"), num(r, "p50"), num(r, "p99"), num(r, "max"), cpu1 - cpu0, t3, aborted,
                num(r, "reset"), num(r, "lost"), drops);
    }

    /** Packets dropped for a full per-CPU input backlog (net.core.netdev_max_backlog), summed over the CPUs. */
    static long backlogDrops() {
        long sum = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/net/softnet_stat"))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 1) {
                    sum += Long.parseLong(f[1], 16);
                }
            }
        } catch (IOException e) {
            return -1; // no such file: reported as -1, not as "no drops"
        }
        return sum;
    }

    /**
     * Writes to the log where the memory is: the kernel's (meminfo, SCTP's charged pages) and the server's (its NMT
     * summary when it runs with -XX:NativeMemoryTracking=summary, smaps_rollup). Not part of the report's figures.
     */
    private static void diagnose(LineProcess server, String when) throws IOException, InterruptedException {
        System.err.print("scale: diag " + when + "\n" + MemoryDiagnostics.kernel());
        System.err.flush();
        server.send("diag");
        server.expect("diag done", 300_000);
    }

    /**
     * Polls the server until it holds {@code count} associations (the client's last handshakes may be queued), then
     * until its memory settles, then takes its stats. A server counts an association before the thread that serves
     * it has run, and a platform thread's stack becomes resident only when it runs (about 92 KiB each on Java 17,
     * x86-64), so a reading taken at once left out a varying share of the threads' stacks (RSS per association 27 to
     * 114 KiB for the same sctp-core server at 1,000). The polls use {@code count}, which collects no garbage: polling
     * {@code stats} (up to five GCs a call) kept a Java 17 server with 9,000 threads from accepting the rest.
     */
    private static ScaleRun.ServerStats awaitAssociations(LineProcess server, int count)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 600_000_000_000L;
        Map<String, String> first;
        while (true) {
            first = count(server);
            if (num(first, "associations") >= count) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the server holds " + num(first, "associations") + " of " + count
                        + " associations after 10 minutes");
            }
            Thread.sleep(500); // polling a condition, not a fixed wait
        }
        // Settled: from one reading to the next, a second apart, RSS grows by less than 1% and the threads stay.
        Map<String, String> previous = first;
        boolean settled = false;
        while (!settled && System.nanoTime() < deadline) {
            Thread.sleep(1000); // polling a condition, not a fixed wait
            Map<String, String> now = count(server);
            settled = num(now, "osThreads") == num(previous, "osThreads")
                    && num(now, "rss") - num(previous, "rss") < num(previous, "rss") / 100;
            previous = now;
        }
        ScaleRun.ServerStats idle = stats(server);
        System.err.printf("scale: idle memory %s: RSS %d KiB when the count was reached, %d KiB settled; idle stats:"
                        + " %s%n", settled ? "settled" : "still growing after 10 minutes",
                num(first, "rss") / 1024, num(previous, "rss") / 1024, idle);
        return idle;
    }

    private static Map<String, String> count(LineProcess server) throws IOException, InterruptedException {
        server.send("count");
        return fields(server.expect("count ", 300_000));
    }

    /** The server's stats, or {@code fallback} when it no longer answers (after a failed round). */
    private static ScaleRun.ServerStats statsOr(LineProcess server, ScaleRun.ServerStats fallback)
            throws InterruptedException {
        try {
            return stats(server);
        } catch (IllegalStateException | IOException e) {
            return fallback;
        }
    }

    private static ScaleRun.ServerStats stats(LineProcess server) throws IOException, InterruptedException {
        server.send("stats");
        String line = server.expect("stats ", 300_000);
        Map<String, String> f = fields(line);
        server.handlers(f.get("handlers"));
        return new ScaleRun.ServerStats(num(f, "heap"), num(f, "rss"), (int) num(f, "osThreads"),
                (int) num(f, "pollers"), num(f, "native"), num(f, "nativeBuffers"), num(f, "echoed"),
                (int) num(f, "associations"));
    }

    /** The server JVM's options: the given ones, or a 1 GiB heap and this JVM's -XX options (e.g. no tiers). */
    private List<String> serverJvmArgs() {
        if (options.serverJvmArgs() != null) {
            return List.of(options.serverJvmArgs().trim().split("\\s+"));
        }
        List<String> args = new ArrayList<>(List.of("-Xms256m", "-Xmx1g"));
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-XX:") && !a.contains("HeapDump") && !a.contains("ErrorFile")) {
                args.add(a);
            }
        }
        return args;
    }

    /** Parses "word k=v k=v ..." into its key/value pairs. */
    static Map<String, String> fields(String line) {
        Map<String, String> f = new HashMap<>();
        for (String w : line.trim().split("\\s+")) {
            int eq = w.indexOf('=');
            if (eq > 0) {
                f.put(w.substring(0, eq), w.substring(eq + 1));
            }
        }
        return f;
    }

    private static long num(Map<String, String> f, String key) {
        String v = f.get(key);
        if (v == null) {
            throw new IllegalStateException("missing " + key + " in " + f);
        }
        return Long.parseLong(v);
    }
}
