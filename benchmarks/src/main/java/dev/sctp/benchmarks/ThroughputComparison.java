package dev.sctp.benchmarks;

import dev.sctp.benchmarks.cross.ProcStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Map;

/**
 * Measures, in one run on one kernel, this library (plain and batched) against the JDK's SctpChannel (with and
 * without NODELAY), Netty's NIO SCTP transport and a plain C loop, all doing the same thing on one loopback
 * association in one process: one way with the receiver counting, at 64 B, 1 KiB, 16 KiB and 64 KiB, then
 * ping-pong at 1 KiB with every round trip timed (p50/p99/p99.9). Ping-pong only, two Spring paths on this library:
 * the integration gateways wired by hand, and a Spring Boot application of the starter with a
 * {@code @ServiceActivator} and a {@code @MessagingGateway} ({@link SpringBootStarterContender}).
 *
 * <p>Every contender is warmed up first (the JIT works per process, so once per contender suffices); then each round
 * runs every size and contender once, in reverse contender order every other round, so slow drifts of a shared
 * machine hit all alike. Each figure is the median of the rounds with their min and max, the CPU time of the
 * process (both ends) per message, and the kernel's T3 and fast-retransmit deltas. It prints the report and writes it
 * with its charts to {@code --out} (benchmarks/results/compare.md).
 *
 * <p>Run it with {@code scripts/bench compare}, which builds the module and starts this inside the SCTP test VM when
 * the host kernel has no SCTP. Absolute numbers depend on the machine (and mean little under emulation); the ratios
 * between contenders measured in the same run are the result.
 *
 * <pre>
 * java -cp 'benchmarks/target/classes:benchmarks/target/lib/*' dev.sctp.benchmarks.ThroughputComparison
 *     [--sizes 64,1024,16384,65536] [--latency-size BYTES] [--messages N] [--rounds N] [--budget-ms MS]
 *     [--warmup-messages N] [--warmup-min-ms MS] [--warmup-budget-ms MS] [--iterations N]
 *     [--only c,dev,dev-batched,jdk,jdk-nodelay-off,netty,spring,spring-boot] [--out FILE]
 *     [--c-source PATH] [--build-c-only]
 * </pre>
 * {@code --messages}: per one-way run at most; {@code --rounds}: round trips per ping-pong run at most;
 * {@code --budget-ms}: a run stops after this long (10,000); {@code --iterations}: measured rounds (5); warm-up: each
 * contender repeats one-way and ping-pong runs until it has handled {@code --warmup-messages} (5,000) of each and
 * run for {@code --warmup-min-ms} (20,000), or for {@code --warmup-budget-ms} (120,000) at most, since the JIT
 * compiles a method only after many calls (hundreds with C1, which scripts/bench uses in the test VM; 10,000 with C2
 * alone) and a compilation takes a while under emulation. {@code --only} also takes the
 * diagnostic variants netty-flush-each and netty-fixed-receive-buffer.
 */
public final class ThroughputComparison {

    /** The row every "vs JDK" ratio divides by. */
    static final String JDK = "jdk";
    /** The row every "vs C loop" ratio divides by. */
    static final String C_LOOP = "c";

    private ThroughputComparison() {
    }

    /**
     * Every contender, keyed by its {@code --only} name, in table order.
     *
     * @param cLoop the C baseline, which needs to know where its source is
     */
    public static Map<String, Contender> contenders(CLoopContender cLoop) {
        Map<String, Contender> all = new LinkedHashMap<>();
        all.put(C_LOOP, cLoop);
        all.put("dev", new DevSctpContender());
        all.put("dev-batched", new DevSctpBatchedContender());
        all.put(JDK, new JdkSctpContender(true));
        all.put("jdk-nodelay-off", new JdkSctpContender(false));
        all.put("netty", new NettySctpContender());
        all.put("spring", new SpringGatewayContender());
        all.put("spring-boot", new SpringBootStarterContender());
        return all;
    }

    /** Variants that diagnose one contender; they run only when {@code --only} names them. */
    static Map<String, Contender> experiments() {
        Map<String, Contender> all = new LinkedHashMap<>();
        all.put("netty-flush-each", new NettySctpContender(NettySctpContender.Tuning.FLUSH_EACH));
        all.put("netty-fixed-receive-buffer", new NettySctpContender(NettySctpContender.Tuning.FIXED_RECEIVE_BUFFER));
        return all;
    }

    /**
     * Runs the comparison, prints the report and writes it; exits with status 1 if any contender failed.
     *
     * @param args see the class documentation
     */
    public static void main(String[] args) throws Exception {
        // Runs long enough to matter: 5 rounds of 4 sizes x 6 contenders one way plus 8 ping-pong runs, each stopped
        // after 10 s, plus the warm-ups (about 11 minutes) and the Spring contexts' start-up: about 45 minutes in the
        // emulated test VM.
        int messages = 2_000_000;
        int rounds = 200_000;
        List<Integer> sizes = List.of(64, 1024, 16384, 65536);
        int latencySize = 1024;
        long budgetMillis = 10_000;
        long warmupMessages = 5_000;
        long warmupMinMillis = 20_000;
        long warmupBudgetMillis = 120_000;
        int iterations = 5;
        List<String> only = null;
        Path cSource = null;
        Path out = null;
        boolean buildOnly = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--messages" -> messages = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--size", "--sizes" -> sizes = Arrays.stream(args[++i].split(",")).map(Integer::valueOf)
                        .toList();
                case "--latency-size" -> latencySize = Integer.parseInt(args[++i]);
                case "--budget-ms" -> budgetMillis = Long.parseLong(args[++i]);
                case "--warmup-messages" -> warmupMessages = Long.parseLong(args[++i]);
                case "--warmup-min-ms" -> warmupMinMillis = Long.parseLong(args[++i]);
                case "--warmup-budget-ms" -> warmupBudgetMillis = Long.parseLong(args[++i]);
                case "--iterations" -> iterations = Integer.parseInt(args[++i]);
                case "--only" -> only = Arrays.asList(args[++i].split(","));
                case "--out" -> out = Path.of(args[++i]);
                case "--c-source" -> cSource = Path.of(args[++i]);
                case "--build-c-only" -> buildOnly = true;
                default -> {
                    System.err.println("unknown argument " + a + "; see the Javadoc of " + ThroughputComparison.class);
                    System.exit(2);
                }
            }
        }
        CLoopContender cLoop = cSource != null ? new CLoopContender(cSource) : CLoopContender.locate();
        if (buildOnly) {
            System.out.println("built " + cLoop.build());
            return;
        }
        Duration budget = Duration.ofMillis(budgetMillis);
        for (int size : sizes) {
            new Plan(size, messages, 0, budget, 0, 1); // checks every size before anything runs
        }
        Plan latency = new Plan(latencySize, 0, rounds, budget, 0, 1);
        Map<String, Contender> all = contenders(cLoop);
        if (only != null) {
            all.putAll(experiments());
            all.keySet().retainAll(only);
        }
        if (out == null) {
            // scripts/bench runs from the repository root, the module's tests from the module directory.
            Path module = Files.isDirectory(Path.of("benchmarks", "src")) ? Path.of("benchmarks") : Path.of("");
            out = module.resolve("results").resolve("compare.md");
        }

        long started = System.nanoTime();
        Map<String, String> failures = new LinkedHashMap<>();
        for (Map.Entry<String, Contender> e : all.entrySet()) {
            progress(started, "warm-up " + e.getKey());
            try {
                warmUp(e.getValue(), new Plan(latencySize, messages, rounds, budget, 0, 1), warmupMessages,
                        warmupMinMillis, warmupBudgetMillis);
            } catch (Exception | LinkageError ex) {
                // One broken contender (say, no libsctp.so.1 for the JDK) must not hide the others' numbers.
                failures.put(e.getKey(), ex.toString());
                ex.printStackTrace(System.out);
            }
        }
        List<CompareRun> runs = new ArrayList<>();
        for (int round = 0; round < iterations; round++) {
            progress(started, "round " + (round + 1) + " of " + iterations);
            List<String> order = new ArrayList<>(all.keySet());
            order.removeAll(failures.keySet());
            if (round % 2 == 1) {
                Collections.reverse(order);
            }
            for (int size : sizes) {
                for (String key : order) {
                    if (!all.get(key).oneWay()) {
                        continue;
                    }
                    measure(all, key, round, new Plan(size, messages, 0, budget, 0, 1), runs, failures);
                }
            }
            for (String key : order) {
                measure(all, key, round, latency, runs, failures);
            }
        }
        CompareReport report = new CompareReport(all, sizes, latencySize, budget, iterations, runs, failures);
        String markdown = report.markdown();
        System.out.println();
        System.out.println(markdown);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, markdown);
        System.out.println("written to " + out.toAbsolutePath());
        for (Path png : report.writeCharts(out)) {
            System.out.println("written to " + png);
        }
        if (!failures.isEmpty()) {
            System.exit(1);
        }
    }

    /**
     * Repeats {@code plan} until the contender has handled {@code messages} messages one way and as many round trips
     * (either count is met at once if it runs no such test) and {@code minMillis} have passed, or until
     * {@code budgetMillis} have passed. Both, because the JIT needs calls (hundreds per method with C1, 10,000 with
     * C2 alone) and then time to compile them: under emulation a compilation takes up to seconds, and a slow
     * contender reaches the count late.
     */
    private static void warmUp(Contender contender, Plan plan, long messages, long minMillis, long budgetMillis)
            throws Exception {
        long start = System.nanoTime();
        long minimum = start + minMillis * 1_000_000;
        long deadline = start + budgetMillis * 1_000_000;
        long oneWay = contender.oneWay() ? 0 : messages;
        long roundTrips = 0;
        long now = start;
        while ((oneWay < messages || roundTrips < messages || now - minimum < 0) && now - deadline < 0) {
            Results r = contender.measure(plan);
            oneWay += r.oneWay().stream().mapToLong(Results.OneWay::received).sum();
            roundTrips += r.pingPong().stream().mapToLong(Results.PingPong::rounds).sum();
            now = System.nanoTime();
        }
    }

    /** Runs one plan of one contender, recording the run with the kernel's counters around it, or the failure. */
    private static void measure(Map<String, Contender> all, String key, int round, Plan plan, List<CompareRun> runs,
                                Map<String, String> failures) {
        if (failures.containsKey(key)) {
            return;
        }
        try {
            Map<String, Long> before = ProcStats.snmp();
            Results r = check(all.get(key).measure(plan), plan);
            Map<String, Long> after = ProcStats.snmp();
            // A T3 expiry is a sender that waited out its RTO (1 s at least): it explains a collapsed rate at once.
            long t3 = after.get(ProcStats.T3) - before.get(ProcStats.T3);
            long fastRtx = after.get(ProcStats.FAST_RTX) - before.get(ProcStats.FAST_RTX);
            runs.add(new CompareRun(key, round, plan.messageSize(), r.oneWay().isEmpty() ? null : r.oneWay().get(0),
                    r.pingPong().isEmpty() ? null : r.pingPong().get(0), t3, fastRtx,
                    delta(before, after, ProcStats.DELAYED_SACK), delta(before, after, ProcStats.DATA_DISCARDS)));
        } catch (Exception | LinkageError ex) {
            failures.put(key, ex.toString());
            ex.printStackTrace(System.out);
        }
    }

    private static long delta(Map<String, Long> before, Map<String, Long> after, String counter) {
        return after.getOrDefault(counter, 0L) - before.getOrDefault(counter, 0L);
    }

    private static void progress(long started, String what) {
        System.out.printf("compare [%4ds]: %s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), what);
    }

    /** Fails if any run lost, duplicated or resized messages: such numbers would be meaningless. */
    static Results check(Results results, Plan plan) {
        for (Results.OneWay r : results.oneWay()) {
            if (r.received() != r.sent() || r.bytes() != r.sent() * plan.messageSize()) {
                throw new IllegalStateException("one-way run delivered " + r.received() + " messages and " + r.bytes()
                        + " bytes for " + r.sent() + " sent");
            }
        }
        for (Results.PingPong r : results.pingPong()) {
            if (r.rounds() < 1) {
                throw new IllegalStateException("ping-pong run completed no round trip");
            }
        }
        return results;
    }
}
