package dev.sctp.benchmarks.cross;

import dev.sctp.benchmarks.CBinary;
import dev.sctp.benchmarks.cross.Measurement.Mode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The cross-process benchmark: every SCTP implementation ({@link PeerKind}) in a process of its own, paired with
 * every other (sender kind x receiver kind), one way, echo with a window of messages in flight, and ping-pong with
 * every round trip timed (p50/p99/p99.9). Every figure comes
 * with the kernel's T3-expiry and fast-retransmit deltas and the CPU time per message of both processes.
 *
 * <p>Two long-lived processes per kind (a client side and a server side) hold one association per pairing and stay
 * up across all rounds, so JVM start-up is never measured. Each pairing is warmed up first, then every round runs
 * every pairing once, in reverse order every other round, so slow drifts of a shared machine hit all alike.
 *
 * <pre>
 * java -cp 'benchmarks/target/classes:benchmarks/target/lib/*' dev.sctp.benchmarks.cross.CrossProcessBenchmark
 *     [--kinds c,dev,jdk] [--size BYTES] [--warmup-messages N] [--rounds N] [--max-messages N]
 *     [--budget-ms MS] [--window N] [--out FILE] [--c-source PATH] [--peer-jvm-args "ARGS"]
 * </pre>
 */
public final class CrossProcessBenchmark {

    private final Options options;
    private final List<PeerKind> kinds;
    private final Map<PeerKind, PeerProcess> clients = new EnumMap<>(PeerKind.class);
    private final Map<PeerKind, PeerProcess> servers = new EnumMap<>(PeerKind.class);
    private final List<String> buffers = new ArrayList<>();
    private final long started = System.nanoTime();

    CrossProcessBenchmark(Options options) {
        this.options = options;
        this.kinds = options.kinds();
    }

    /**
     * Runs the benchmark, prints the report and writes it to {@code --out}; exits with status 1 on any failure.
     *
     * @param args see the class documentation
     */
    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        CrossReport report = new CrossProcessBenchmark(options).run();
        String markdown = report.markdown();
        System.out.println();
        System.out.println(markdown);
        Files.createDirectories(options.out().toAbsolutePath().getParent());
        Files.writeString(options.out(), markdown);
        System.out.println("written to " + options.out().toAbsolutePath());
        for (Path png : CrossCharts.write(report, options.kinds(), options.out(), report.subtitle())) {
            System.out.println("written to " + png);
        }
    }

    /** Starts the peers, runs warm-ups and rounds, stops the peers, and returns what was measured. */
    CrossReport run() throws IOException, InterruptedException {
        try {
            start();
            for (PeerKind c : kinds) {
                for (PeerKind s : kinds) {
                    progress("warm-up " + c.key() + " -> " + s.key());
                    oneWay(c, s, -1, options.warmupMessagesPerPairing(), options.warmupBudgetMillis());
                    echo(c, s, -1, options.warmupMessagesPerPairing(), options.warmupBudgetMillis());
                    latency(c, s, -1, Math.min(options.warmupMessagesPerPairing(), options.maxRoundTrips()) / 10 + 1,
                            options.warmupBudgetMillis());
                }
            }
            List<Measurement> measured = new ArrayList<>();
            List<PeerKind[]> pairs = new ArrayList<>();
            for (PeerKind c : kinds) {
                for (PeerKind s : kinds) {
                    pairs.add(new PeerKind[] {c, s});
                }
            }
            for (int round = 0; round < options.rounds(); round++) {
                progress("round " + (round + 1) + " of " + options.rounds());
                List<PeerKind[]> order = new ArrayList<>(pairs);
                if (round % 2 == 1) {
                    Collections.reverse(order);
                }
                for (PeerKind[] p : order) {
                    measured.add(oneWay(p[0], p[1], round, options.maxMessages(), options.budgetMillis()));
                }
                for (PeerKind[] p : order) {
                    measured.add(echo(p[0], p[1], round, options.maxMessages(), options.budgetMillis()));
                }
                for (PeerKind[] p : order) {
                    measured.add(latency(p[0], p[1], round, options.maxRoundTrips(), options.latencyBudgetMillis()));
                }
            }
            return new CrossReport(options, kinds, buffers, measured);
        } finally {
            for (PeerProcess p : clients.values()) {
                p.close();
            }
            for (PeerProcess p : servers.values()) {
                p.close();
            }
        }
    }

    /** Starts a client and a server process per kind and connects every client to every server. */
    private void start() throws IOException, InterruptedException {
        Path cBinary = kinds.contains(PeerKind.C) ? CBinary.build(options.cSource(), "sctp_peer.c") : null;
        for (PeerKind k : kinds) {
            clients.put(k, PeerProcess.start(k, "client", command(k, cBinary)));
            servers.put(k, PeerProcess.start(k, "server", command(k, cBinary)));
        }
        for (PeerKind s : kinds) {
            PeerProcess server = servers.get(s);
            int port = Integer.parseInt(expect(server.call("listen", setupMillis()), "port").trim());
            for (PeerKind c : kinds) {
                // The server's slot is the client's kind and the client's slot the server's kind.
                server.post("accept " + c.ordinal());
                expect(clients.get(c).call("connect " + s.ordinal() + " " + port, setupMillis()), "ok");
                expect(server.answer(setupMillis()), "ok");
                String clientInfo = clients.get(c).call("info " + s.ordinal(), setupMillis());
                String serverInfo = server.call("info " + c.ordinal(), setupMillis());
                requireBuffers(c.label() + " client (to " + s.label() + ")", clientInfo);
                requireBuffers(s.label() + " server (from " + c.label() + ")", serverInfo);
                buffers.add(c.label() + " client -> " + s.label() + " server: client " + clientInfo + "; server "
                        + serverInfo);
            }
        }
    }

    /**
     * Fails unless a peer's socket has the buffers asked for, so that every pairing runs with the same ones: Linux
     * reports twice the value set, and caps it at net.core.rmem_max/wmem_max where SO_RCVBUFFORCE is not used.
     */
    private void requireBuffers(String peer, String info) {
        check(peer, "rcvbuf", "--rcvbuf", "net.core.rmem_max", options.receiveBuffer(), info);
        check(peer, "sndbuf", "--sndbuf", "net.core.wmem_max", options.sendBuffer(), info);
    }

    private static void check(String peer, String name, String option, String sysctl, int asked, String info) {
        if (asked == 0) {
            return;
        }
        long got = Long.parseLong(wordAfter(info, name));
        if (got != 2L * asked) {
            throw new IllegalStateException(peer + " has " + name + " " + got + " where " + option + " " + asked
                    + " should give " + 2L * asked + " (Linux doubles the value set): the kernel capped it at "
                    + sysctl + "; raise it (sysctl -w " + sysctl + "=" + asked + "), or leave out of --kinds the"
                    + " peers that cannot force it (jdk)");
        }
    }

    private List<String> command(PeerKind kind, Path cBinary) {
        if (!kind.isJava()) {
            List<String> cmd = new ArrayList<>();
            cmd.add(cBinary.toString());
            cmd.addAll(options.bufferArgs());
            return cmd;
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(options.peerJvmArgs() != null ? List.of(options.peerJvmArgs().trim().split("\\s+"))
                : inheritedJvmArgs());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(CrossPeer.class.getName());
        cmd.add(kind.key());
        cmd.addAll(options.bufferArgs());
        return cmd;
    }

    /** The JIT and GC choices of this JVM (scripts/bench picks them for the VM), with a heap fit for a peer. */
    private static List<String> inheritedJvmArgs() {
        List<String> args = new ArrayList<>();
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-XX:") && !a.contains("HeapDump") && !a.contains("ErrorFile")) {
                args.add(a);
            }
        }
        args.add("-Xms64m");
        args.add("-Xmx256m");
        return args;
    }

    private Measurement oneWay(PeerKind c, PeerKind s, int round, long max, long budgetMillis)
            throws IOException, InterruptedException {
        Run run = run(c, s, "recv " + c.ordinal() + " " + options.size(), "received",
                "send " + s.ordinal() + " " + options.size() + " " + max + " " + budgetMillis, "sent", budgetMillis);
        String sent = run.client();
        String received = run.server();
        long start = Long.parseLong(field(sent, "start"));
        long end = Long.parseLong(field(received, "end"));
        reportT3(run.timeline(), "one way", c, s, round, start, Long.parseLong(field(sent, "end")), end);
        long n = Long.parseLong(word(sent, 0));
        long got = Long.parseLong(word(received, 0));
        long bytes = Long.parseLong(field(received, "bytes"));
        if (got != n || bytes != n * options.size()) {
            throw new IllegalStateException(c.label() + " -> " + s.label() + ": " + n + " messages sent, " + got
                    + " messages and " + bytes + " bytes received");
        }
        return run.measurement(Mode.ONE_WAY, c, s, round, n, options.size(), end - start, null);
    }

    private Measurement echo(PeerKind c, PeerKind s, int round, long max, long budgetMillis)
            throws IOException, InterruptedException {
        Run run = run(c, s, "echo " + c.ordinal(), "echoed", "pipeline " + s.ordinal() + " " + options.size() + " "
                + max + " " + options.window() + " " + budgetMillis, "pipelined", budgetMillis);
        String done = run.client();
        long start = Long.parseLong(field(done, "start"));
        long end = Long.parseLong(field(done, "end"));
        reportT3(run.timeline(), "echo", c, s, round, start, end, end);
        long n = Long.parseLong(word(done, 0));
        if (Long.parseLong(word(run.server(), 0)) != n) {
            throw new IllegalStateException(c.label() + " -> " + s.label() + " echo: the client got " + n
                    + " echoes, the server " + run.server());
        }
        return run.measurement(Mode.ECHO, c, s, round, n, options.size(), end - start, null);
    }

    private Measurement latency(PeerKind c, PeerKind s, int round, long max, long budgetMillis)
            throws IOException, InterruptedException {
        Run run = run(c, s, "echo " + c.ordinal(), "echoed",
                "latency " + s.ordinal() + " " + options.size() + " " + max + " " + budgetMillis, "latency",
                budgetMillis);
        String done = run.client();
        long start = Long.parseLong(field(done, "start"));
        long end = Long.parseLong(field(done, "end"));
        reportT3(run.timeline(), "ping-pong", c, s, round, start, end, end);
        long n = Long.parseLong(word(done, 0));
        if (n < 1 || Long.parseLong(word(run.server(), 0)) != n) {
            throw new IllegalStateException(c.label() + " -> " + s.label() + " ping-pong: the client timed " + n
                    + " round trips, the server echoed " + run.server());
        }
        Measurement.Latency latency = new Measurement.Latency(Long.parseLong(field(done, "p50")),
                Long.parseLong(field(done, "p99")), Long.parseLong(field(done, "p999")));
        return run.measurement(Mode.LATENCY, c, s, round, n, options.size(), end - start, latency);
    }

    /**
     * One measured exchange: the server of kind {@code s} is told {@code serverCommand}, the client of kind {@code c}
     * runs {@code clientCommand}, and both answers (checked for their keywords) are returned with the kernel
     * counters and CPU times before and after, and the T3 timeline sampled in between.
     */
    private Run run(PeerKind c, PeerKind s, String serverCommand, String serverKeyword, String clientCommand,
                    String clientKeyword, long budgetMillis) throws IOException, InterruptedException {
        PeerProcess client = clients.get(c);
        PeerProcess server = servers.get(s);
        Snapshot before = Snapshot.take(client, server);
        T3Timeline timeline = T3Timeline.start();
        String clientAnswer;
        String serverAnswer;
        try {
            server.post(serverCommand);
            clientAnswer = expect(client.call(clientCommand, runMillis(budgetMillis)), clientKeyword);
            serverAnswer = expect(server.answer(runMillis(budgetMillis)), serverKeyword);
        } finally {
            timeline.stop();
        }
        return new Run(clientAnswer, serverAnswer, before, Snapshot.take(client, server), timeline);
    }

    /** What {@link #run} returns. */
    private record Run(String client, String server, Snapshot before, Snapshot after, T3Timeline timeline) {

        Measurement measurement(Mode mode, PeerKind c, PeerKind s, int round, long n, int size, long nanos,
                                Measurement.Latency latency) {
            return after.minus(before, mode, c, s, round, n, size, nanos, latency);
        }
    }

    /** Logs when each T3 expiry of a run happened, so that a report's T3 column can be traced to its cause. */
    private void reportT3(T3Timeline timeline, String what, PeerKind c, PeerKind s, int round, long start,
                          long senderDone, long end) throws InterruptedException {
        List<Long> rises = timeline.stop();
        List<long[]> stalls = timeline.stalls();
        // In echo and ping-pong the client sends until its last answer, so the timeline places expiries against the
        // run's start and end only (an expiry seen by the sampler's last read can show just after the end).
        if (!rises.isEmpty() || !stalls.isEmpty()) {
            String run = c.key() + " -> " + s.key() + " " + what + (round < 0 ? " warm-up" : " round " + (round + 1));
            progress(run + ": " + (rises.isEmpty() ? "no T3" : T3Timeline.describe(rises, start, senderDone, end))
                    + (stalls.isEmpty() ? "" : "; " + T3Timeline.describeStalls(stalls, start)));
        }
    }

    /** Kernel counters and both processes' CPU time at one instant. */
    private record Snapshot(long t3, long fastRtx, long clientCpu, long serverCpu, ThreadCpu serverThreads) {

        static Snapshot take(PeerProcess client, PeerProcess server) {
            Map<String, Long> snmp = ProcStats.snmp();
            return new Snapshot(snmp.get(ProcStats.T3), snmp.get(ProcStats.FAST_RTX), client.cpuNanos(),
                    server.cpuNanos(), server.threadCpu());
        }

        Measurement minus(Snapshot b, Mode mode, PeerKind c, PeerKind s, int round, long n, int size, long nanos,
                          Measurement.Latency latency) {
            return new Measurement(mode, c, s, round, n, size, nanos, t3 - b.t3, fastRtx - b.fastRtx,
                    clientCpu - b.clientCpu, serverCpu - b.serverCpu, latency, serverThreads.minus(b.serverThreads));
        }
    }

    private static String expect(String answer, String keyword) {
        if (!answer.startsWith(keyword + " ") && !answer.equals(keyword)) {
            throw new IllegalStateException("expected an answer starting with '" + keyword + "', got: " + answer);
        }
        return answer.substring(keyword.length());
    }

    private static String word(String s, int index) {
        return s.trim().split("\\s+")[index];
    }

    /** The word after {@code name} in an answer such as "rcvbuf 1048576 sndbuf 212992". */
    private static String wordAfter(String s, String name) {
        String[] w = s.trim().split("\\s+");
        for (int i = 0; i + 1 < w.length; i++) {
            if (w[i].equals(name)) {
                return w[i + 1];
            }
        }
        throw new IllegalStateException("no " + name + " in answer: " + s);
    }

    private static String field(String s, String name) {
        for (String w : s.trim().split("\\s+")) {
            if (w.startsWith(name + "=")) {
                return w.substring(name.length() + 1);
            }
        }
        throw new IllegalStateException("no " + name + "= in answer: " + s);
    }

    /** A run stops sending at its budget; what is in flight then still drains, slowly if the receiver collapsed. */
    private static long runMillis(long budgetMillis) {
        return 2 * budgetMillis + TimeUnit.MINUTES.toMillis(2);
    }

    private static long setupMillis() {
        return TimeUnit.MINUTES.toMillis(2);
    }

    private void progress(String what) {
        System.out.printf("cross-process [%4ds, %tT UTC]: %s%n",
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started),
                java.time.LocalTime.now(java.time.ZoneOffset.UTC), what);
    }
}
