package dev.sctp.benchmarks.scale;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The scale benchmark's settings.
 *
 * @param counts association counts to run, e.g. 1000 and 10000
 * @param stacks "core" (sctp-core, a blocking handler per association) and/or "spring" (the inbound gateway)
 * @param jvms server JVMs, e.g. Java 17 (platform threads) and Java 21+ (virtual threads)
 * @param size bytes per message, at least 16 (the client's header)
 * @param intervalMs each association sends one message per interval
 * @param warmupMs traffic before the first measured window
 * @param measureMs one measured window
 * @param rounds measured windows per configuration, on the same associations
 * @param out the markdown report; the charts go beside it
 * @param serverJvmArgs the server's JVM options, or null for a 1 GiB heap and this JVM's -XX options
 * @param cSource the client's C source, or null to find it from the working directory
 */
public record ScaleOptions(List<Integer> counts, List<String> stacks, List<Jvm> jvms, int size, long intervalMs,
                           long warmupMs, long measureMs, int rounds, Path out,
                           String serverJvmArgs, Path cSource) {

    static final String USAGE = """
            ScaleBenchmark [--counts 1000,10000] [--stacks core,spring] [--jvms LABEL=JAVA,...] [--size 64]
                           [--interval-ms 1000] [--warmup-ms 10000] [--measure-ms 20000] [--rounds 3]
                           [--out benchmarks/results/scale.md]
                           [--server-jvm-args "-Xmx1g ..."] [--c-source PATH]""";

    /** A server JVM: a label for the report and the path of its {@code java}. */
    public record Jvm(String label, String java) {
    }

    /** The defaults: 1,000 and 10,000 associations, both stacks, this JVM, 64-byte messages once a second. */
    public static ScaleOptions defaults() {
        return new ScaleOptions(List.of(1000, 10000), List.of("core", "spring"), List.of(thisJvm()), 64, 1000,
                10_000, 20_000, 3, Path.of("benchmarks/results/scale.md"), null, null);
    }

    static Jvm thisJvm() {
        return new Jvm("Java " + Runtime.version().feature(),
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** Parses command-line ARGS over {@link #defaults()}; a bad one throws with what is allowed. */
    public static ScaleOptions parse(String... args) {
        ScaleOptions o = defaults();
        List<Integer> counts = o.counts;
        List<String> stacks = o.stacks;
        List<Jvm> jvms = o.jvms;
        int size = o.size;
        int rounds = o.rounds;
        long interval = o.intervalMs;
        long warmup = o.warmupMs;
        long measure = o.measureMs;
        Path out = o.out;
        String jvmArgs = null;
        Path cSource = null;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value; usage:\n" + USAGE);
            }
            String v = args[++i];
            switch (name) {
                case "--counts" -> counts = Arrays.stream(v.split(",")).map(s -> positive(name, s)).toList();
                case "--stacks" -> {
                    stacks = List.of(v.split(","));
                    for (String s : stacks) {
                        if (!s.equals("core") && !s.equals("spring")) {
                            throw new IllegalArgumentException("--stacks " + v + ": '" + s
                                    + "' is not a stack; use core, spring or core,spring");
                        }
                    }
                }
                case "--jvms" -> jvms = parseJvms(v);
                case "--size" -> {
                    size = positive(name, v);
                    if (size < 16 || size > 65536) {
                        throw new IllegalArgumentException("--size " + size + " is outside 16..65536: a message "
                                + "carries a 16-byte header (send time, association, check) and fits one read");
                    }
                }
                case "--interval-ms" -> interval = positive(name, v);
                case "--warmup-ms" -> warmup = nonNegative(name, v);
                case "--measure-ms" -> measure = positive(name, v);
                case "--rounds" -> rounds = positive(name, v);
                case "--out" -> out = Path.of(v);
                case "--server-jvm-args" -> jvmArgs = v;
                case "--c-source" -> cSource = Path.of(v);
                default -> throw new IllegalArgumentException("unknown option " + name + "; usage:\n" + USAGE);
            }
        }
        return new ScaleOptions(counts, stacks, jvms, size, interval, warmup, measure, rounds, out, jvmArgs,
                cSource);
    }

    private static List<Jvm> parseJvms(String v) {
        List<Jvm> jvms = new ArrayList<>();
        for (String entry : v.split(",")) {
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException("--jvms " + v + ": '" + entry + "' is not LABEL=PATH_TO_JAVA, "
                        + "e.g. 'Java 17=/usr/lib/jvm/java-17-openjdk-amd64/bin/java'");
            }
            jvms.add(new Jvm(entry.substring(0, eq), entry.substring(eq + 1)));
        }
        return jvms;
    }

    private static int positive(String name, String v) {
        long n = nonNegative(name, v);
        if (n <= 0 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " " + v + " must be a whole number from 1 to "
                    + Integer.MAX_VALUE);
        }
        return (int) n;
    }

    private static long nonNegative(String name, String v) {
        try {
            long n = Long.parseLong(v.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " " + v + " must be a whole number, 0 or more");
        }
    }
}
