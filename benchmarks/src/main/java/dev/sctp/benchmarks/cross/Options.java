package dev.sctp.benchmarks.cross;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The cross-process benchmark's settings, from its command line (see {@link CrossProcessBenchmark}).
 *
 * @param kinds implementations to pair, each with each
 * @param size bytes per message
 * @param warmupMessages messages every peer process handles one way, and again echoed, before the measured rounds:
 *     the JIT works per process, so each of its pairings runs this divided by the number of kinds
 * @param warmupBudgetMillis a warm-up stops early after this long
 * @param rounds measured rounds; every pairing runs once per round
 * @param maxMessages messages per measured run at most
 * @param budgetMillis a measured run stops sending after this long
 * @param window echo: messages in flight at most
 * @param out where the markdown report goes
 * @param cSource sctp_peer.c
 * @param peerJvmArgs JVM options of the Java peers, or null for this JVM's -XX options and a 256 MiB heap
 * @param receiveBuffer SO_RCVBUF set on every socket of every peer before its association is set up (the listener
 *     before accept, the client before connect), or 0 for the kernel's default; Linux reports twice the value
 * @param sendBuffer SO_SNDBUF likewise, or 0 for the kernel's default
 */
public record Options(List<PeerKind> kinds, int size, long warmupMessages, long warmupBudgetMillis, int rounds,
                      long maxMessages, long budgetMillis, int window, Path out, Path cSource, String peerJvmArgs,
                      int receiveBuffer, int sendBuffer) {

    /** Bytes the echo runs may have in flight: well within the default socket buffers (about 200 KiB). */
    static final int MAX_IN_FLIGHT = 64 * 1024;

    /** The largest socket buffer Linux accepts: it doubles the value into an int. */
    static final int MAX_BUFFER = Integer.MAX_VALUE / 2;

    /** Options with the kernel's default socket buffers. */
    public Options(List<PeerKind> kinds, int size, long warmupMessages, long warmupBudgetMillis, int rounds,
                   long maxMessages, long budgetMillis, int window, Path out, Path cSource, String peerJvmArgs) {
        this(kinds, size, warmupMessages, warmupBudgetMillis, rounds, maxMessages, budgetMillis, window, out, cSource,
                peerJvmArgs, 0, 0);
    }

    /** Checks the values and names the limit a bad one breaks. */
    public Options {
        kinds = List.copyOf(kinds);
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("--kinds names no implementation; use e.g. --kinds c,dev,jdk");
        }
        if (size <= Payload.MARKER_SIZE || size > Payload.MAX_SIZE) {
            throw new IllegalArgumentException("--size " + size + " must be between 2 and " + Payload.MAX_SIZE);
        }
        if (rounds < 1 || maxMessages < 1 || budgetMillis < 1 || warmupBudgetMillis < 1 || warmupMessages < 1) {
            throw new IllegalArgumentException("--rounds, --max-messages, --budget-ms and --warmup-messages must be"
                    + " at least 1");
        }
        if (maxMessages > Integer.MAX_VALUE || warmupMessages > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--max-messages and --warmup-messages must be at most "
                    + Integer.MAX_VALUE);
        }
        if (window < 1 || window > 64) {
            throw new IllegalArgumentException("--window " + window + " must be between 1 and 64");
        }
        if ((long) window * size > MAX_IN_FLIGHT) {
            // The echo peers are single-threaded and blocking: with more in flight than the default socket buffers
            // hold, both could block in send, each waiting for the other to read.
            throw new IllegalArgumentException("--window " + window + " x --size " + size + " puts more than "
                    + MAX_IN_FLIGHT + " bytes in flight; use --window " + Math.max(1, MAX_IN_FLIGHT / size)
                    + " or less for this size");
        }
        checkBuffer("--rcvbuf", receiveBuffer);
        checkBuffer("--sndbuf", sendBuffer);
    }

    private static void checkBuffer(String name, int bytes) {
        // The echo runs keep up to MAX_IN_FLIGHT bytes in flight between two blocking, single-threaded peers.
        if (bytes != 0 && (bytes < MAX_IN_FLIGHT || bytes > MAX_BUFFER)) {
            throw new IllegalArgumentException(name + " " + bytes + " must be 0 (the kernel's default) or between "
                    + MAX_IN_FLIGHT + " (the bytes an echo run keeps in flight) and " + MAX_BUFFER
                    + "; e.g. " + name + " 524288 (SctpOptions.SLOW_READER_RCVBUF)");
        }
    }

    /** Returns a peer's command-line arguments that set these socket buffers (none for the kernel's defaults). */
    List<String> bufferArgs() {
        List<String> args = new ArrayList<>();
        if (receiveBuffer > 0) {
            args.add("--rcvbuf");
            args.add(Integer.toString(receiveBuffer));
        }
        if (sendBuffer > 0) {
            args.add("--sndbuf");
            args.add(Integer.toString(sendBuffer));
        }
        return args;
    }

    /** Returns how the report describes the socket buffers, e.g. "SO_RCVBUF 524288, default SO_SNDBUF". */
    String bufferSummary() {
        return (receiveBuffer > 0 ? "SO_RCVBUF " + receiveBuffer : "default SO_RCVBUF") + ", "
                + (sendBuffer > 0 ? "SO_SNDBUF " + sendBuffer : "default SO_SNDBUF");
    }

    /**
     * The defaults: 1 KiB, 20,000 warm-up messages per process, 5 rounds of at most 3 s per run (1.5 s ping-pong),
     * 64 in flight; about 10 minutes in the test VM, so that the whole default scripts/bench stays within 15.
     */
    public static Options defaults() {
        return new Options(List.of(PeerKind.values()), 1024, 20_000, 20_000, 5, 1_000_000, 3_000, 64,
                defaultOut(), null, null, 0, 0);
    }

    /** Returns the round trips a ping-pong run times at most (its array of times is allocated up front). */
    public int maxRoundTrips() {
        return (int) Math.min(maxMessages, 1_000_000);
    }

    /** Returns how long a ping-pong run lasts at most: half a measured run, as one message in flight adds little. */
    public long latencyBudgetMillis() {
        return Math.max(1, budgetMillis / 2);
    }

    /** Returns the messages each pairing runs in its warm-up, so each process handles {@link #warmupMessages}. */
    public long warmupMessagesPerPairing() {
        return (warmupMessages + kinds.size() - 1) / kinds.size();
    }

    private static Path defaultOut() {
        // scripts/bench runs from the repository root, the module's tests from the module directory.
        Path module = Files.isDirectory(Path.of("benchmarks", "src")) ? Path.of("benchmarks") : Path.of("");
        return module.resolve("results").resolve("cross-process.md");
    }

    /** Parses {@code args} over the defaults; an unknown argument is an error that lists the known ones. */
    public static Options parse(String[] args) {
        Options o = defaults();
        List<PeerKind> kinds = o.kinds;
        int size = o.size;
        long warmup = o.warmupMessages;
        long warmupBudget = o.warmupBudgetMillis;
        int rounds = o.rounds;
        long max = o.maxMessages;
        long budget = o.budgetMillis;
        int window = o.window;
        Path out = o.out;
        Path cSource = o.cSource;
        String jvmArgs = o.peerJvmArgs;
        int rcvbuf = o.receiveBuffer;
        int sndbuf = o.sendBuffer;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--kinds" -> {
                    LinkedHashSet<PeerKind> set = new LinkedHashSet<>();
                    for (String k : v.split(",")) {
                        set.add(PeerKind.byName(k.trim()));
                    }
                    kinds = new ArrayList<>(set);
                }
                case "--size" -> size = Integer.parseInt(v);
                case "--warmup-messages" -> warmup = Long.parseLong(v);
                case "--warmup-budget-ms" -> warmupBudget = Long.parseLong(v);
                case "--rounds" -> rounds = Integer.parseInt(v);
                case "--max-messages" -> max = Long.parseLong(v);
                case "--budget-ms" -> budget = Long.parseLong(v);
                case "--window" -> window = Integer.parseInt(v);
                case "--out" -> out = Path.of(v);
                case "--c-source" -> cSource = Path.of(v);
                case "--peer-jvm-args" -> jvmArgs = v;
                case "--rcvbuf" -> rcvbuf = Integer.parseInt(v);
                case "--sndbuf" -> sndbuf = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown argument " + a + "; known: --kinds --size"
                        + " --warmup-messages --warmup-budget-ms --rounds --max-messages --budget-ms --window --out"
                        + " --c-source --peer-jvm-args --rcvbuf --sndbuf");
            }
        }
        return new Options(kinds, size, warmup, warmupBudget, rounds, max, budget, window, out, cSource, jvmArgs,
                rcvbuf, sndbuf);
    }
}
