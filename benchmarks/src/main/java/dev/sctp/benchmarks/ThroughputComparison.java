package dev.sctp.benchmarks;

import dev.sctp.benchmarks.cross.ProcStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures, in one run on one kernel, the message rate and round-trip time of this library against the JDK's
 * SctpChannel (with and without NODELAY), Netty's NIO SCTP transport and a plain C loop, all doing the same thing:
 * 1 KiB messages on one loopback association, one way with the receiver counting, then ping-pong. It prints a
 * table of medians and of ratios to the C loop and to the JDK.
 *
 * <p>Run it with {@code scripts/bench}, which builds the module and starts this inside the SCTP test VM when the
 * host kernel has no SCTP. Absolute numbers depend on the machine (and mean little under emulation); the ratios
 * between contenders measured in the same run are the result.
 *
 * <pre>
 * java -cp 'benchmarks/target/classes:benchmarks/target/lib/*' dev.sctp.benchmarks.ThroughputComparison
 *     [--messages N] [--rounds N] [--size BYTES] [--budget-ms MS] [--warmups N] [--iterations N]
 *     [--only c,dev,jdk,jdk-nodelay-off,netty] [--c-source PATH] [--build-c-only]
 * </pre>
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
        all.put(JDK, new JdkSctpContender(true));
        all.put("jdk-nodelay-off", new JdkSctpContender(false));
        all.put("netty", new NettySctpContender());
        return all;
    }

    /**
     * Runs the comparison and prints the table; exits with status 1 if any contender failed.
     *
     * @param args see the class documentation
     */
    public static void main(String[] args) throws Exception {
        // Defaults sized for the emulated test VM: each run stops after 2 s at most, so the whole comparison
        // (5 contenders x 4 runs x 2 tests) stays within about three minutes there.
        int messages = 20_000;
        int rounds = 2_000;
        int size = 1024;
        long budgetMillis = 2_000;
        int warmups = 1;
        int iterations = 3;
        List<String> only = null;
        Path cSource = null;
        boolean buildOnly = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--messages" -> messages = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--size" -> size = Integer.parseInt(args[++i]);
                case "--budget-ms" -> budgetMillis = Long.parseLong(args[++i]);
                case "--warmups" -> warmups = Integer.parseInt(args[++i]);
                case "--iterations" -> iterations = Integer.parseInt(args[++i]);
                case "--only" -> only = Arrays.asList(args[++i].split(","));
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
        Plan plan = new Plan(size, messages, rounds, Duration.ofMillis(budgetMillis), warmups, iterations);
        Map<String, Contender> all = contenders(cLoop);
        if (only != null) {
            all.keySet().retainAll(only);
        }

        System.out.println(header(plan));
        Map<String, Results> results = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        for (Map.Entry<String, Contender> e : all.entrySet()) {
            System.out.printf("running %s ...%n", e.getValue().name());
            try {
                Map<String, Long> before = ProcStats.snmp();
                results.put(e.getKey(), check(e.getValue().measure(plan), plan));
                Map<String, Long> after = ProcStats.snmp();
                // A T3 expiry is a sender that waited out RTO.min (1 s): it explains a collapsed rate at once.
                System.out.printf("  kernel counters during %s: T3 expirations +%d, fast retransmits +%d%n",
                        e.getValue().name(), after.get(ProcStats.T3) - before.get(ProcStats.T3),
                        after.get(ProcStats.FAST_RTX) - before.get(ProcStats.FAST_RTX));
            } catch (Exception | LinkageError ex) {
                // One broken contender (say, no libsctp.so.1 for the JDK) must not hide the others' numbers.
                failures.put(e.getKey(), ex.toString());
                ex.printStackTrace(System.out);
            }
            System.gc(); // let the previous contender's garbage go before the next one starts
        }
        System.out.println();
        System.out.print(table(all, results, failures));
        if (!failures.isEmpty()) {
            System.exit(1);
        }
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

    private static String header(Plan plan) {
        return String.format(Locale.ROOT, "SCTP one-to-one on 127.0.0.1, one association, %d-byte messages on stream 0."
                        + "%nEach run: up to %,d messages one way (receiver counting), then up to %,d ping-pong round trips,"
                        + " each stopped after %.1f s;%nmedian of %d runs after %d warm-up(s). NODELAY on unless stated."
                        + "%nkernel %s, %s %s, %d CPUs%n",
                plan.messageSize(), plan.messages(), plan.rounds(), plan.budget().toMillis() / 1000.0,
                plan.iterations(), plan.warmups(), kernel(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
    }

    private static String kernel() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
        } catch (Exception e) {
            return System.getProperty("os.version");
        }
    }

    /** Formats the results table and the headline ratios. */
    static String table(Map<String, Contender> contenders, Map<String, Results> results, Map<String, String> failures) {
        StringBuilder out = new StringBuilder();
        String rowFormat = "%-30s %14s %9s %9s %15s %10s %9s %9s%n";
        out.append(String.format(Locale.ROOT, rowFormat, "implementation", "one-way msg/s", "vs C", "vs JDK",
                "round trips/s", "RTT us", "vs C", "vs JDK"));
        double cOneWay = rate(results, C_LOOP, true);
        double cPing = rate(results, C_LOOP, false);
        double jdkOneWay = rate(results, JDK, true);
        double jdkPing = rate(results, JDK, false);
        for (Map.Entry<String, Contender> e : contenders.entrySet()) {
            String key = e.getKey();
            if (failures.containsKey(key)) {
                out.append(String.format(Locale.ROOT, "%-30s failed: %s%n", e.getValue().name(), failures.get(key)));
                continue;
            }
            double oneWay = rate(results, key, true);
            double ping = rate(results, key, false);
            out.append(String.format(Locale.ROOT, rowFormat, e.getValue().name(), String.format(Locale.ROOT, "%,.0f",
                            oneWay), ratio(oneWay, cOneWay), ratio(oneWay, jdkOneWay),
                    String.format(Locale.ROOT, "%,.0f", ping), String.format(Locale.ROOT, "%,.1f", 1e6 / ping),
                    ratio(ping, cPing), ratio(ping, jdkPing)));
        }
        out.append(String.format("%nHeadline ratios (higher is faster; one-way msg/s, ping-pong round trips/s):%n"));
        List<String[]> pairs = new ArrayList<>();
        pairs.add(new String[] {"dev", JDK, "dev.sctp / JDK"});
        pairs.add(new String[] {"dev", C_LOOP, "dev.sctp / C loop"});
        pairs.add(new String[] {"dev", "netty", "dev.sctp / Netty"});
        pairs.add(new String[] {"netty", JDK, "Netty / JDK"});
        pairs.add(new String[] {JDK, C_LOOP, "JDK / C loop"});
        pairs.add(new String[] {JDK, "jdk-nodelay-off", "JDK NODELAY on / off"});
        for (String[] p : pairs) {
            if (results.containsKey(p[0]) && results.containsKey(p[1])) {
                out.append(String.format(Locale.ROOT, "  %-22s = %s one-way, %s ping-pong%n", p[2],
                        ratio(rate(results, p[0], true), rate(results, p[1], true)),
                        ratio(rate(results, p[0], false), rate(results, p[1], false))));
            }
        }
        return out.toString();
    }

    private static double rate(Map<String, Results> results, String key, boolean oneWay) {
        Results r = results.get(key);
        if (r == null) {
            return Double.NaN;
        }
        return oneWay ? r.medianMessagesPerSecond() : r.medianRoundTripsPerSecond();
    }

    private static String ratio(double value, double base) {
        if (Double.isNaN(value) || Double.isNaN(base) || base == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2fx", value / base);
    }
}
