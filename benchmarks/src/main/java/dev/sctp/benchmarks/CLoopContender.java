package dev.sctp.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The baseline: {@code src/main/c/sctp_loop.c}, raw socket/sendmsg/recvmsg with no library, compiled with
 * {@code cc} on first use into {@code target/sctp_loop}. It runs the same plan in its own process (two threads on
 * one association, like the Java contenders) and prints one line per run, which this class parses.
 */
public final class CLoopContender implements Contender {

    private static final Pattern ONE_WAY = Pattern.compile(
            "one-way (warmup|measure) sent=(\\d+) received=(\\d+) bytes=(\\d+) nanos=(\\d+) cpu=(\\d+)");
    private static final Pattern PING_PONG = Pattern.compile("ping-pong (warmup|measure) rounds=(\\d+) nanos=(\\d+)"
            + " cpu=(\\d+) p50=(\\d+) p99=(\\d+) p999=(\\d+)");

    private final Path source;
    private final Path binary;

    /**
     * Creates the contender for the C source at {@code source}; the binary goes to {@code target/sctp_loop} of the
     * module that holds it ({@code <module>/src/main/c/sctp_loop.c}).
     */
    public CLoopContender(Path source) {
        this.source = source.toAbsolutePath().normalize();
        Path module = this.source.getParent().getParent().getParent().getParent();
        this.binary = module.resolve("target").resolve("sctp_loop");
    }

    /**
     * Finds {@code sctp_loop.c} from the working directory: the benchmarks module itself (as in its tests) or the
     * repository root (as in scripts/bench).
     */
    public static CLoopContender locate() {
        for (Path candidate : List.of(Path.of("src/main/c/sctp_loop.c"), Path.of("benchmarks/src/main/c/sctp_loop.c"))) {
            if (Files.isRegularFile(candidate)) {
                return new CLoopContender(candidate);
            }
        }
        throw new IllegalStateException("cannot find src/main/c/sctp_loop.c from " + Path.of("").toAbsolutePath()
                + "; run from the repository root or the benchmarks module, or pass --c-source");
    }

    @Override
    public String name() {
        return "C loop (sendmsg/recvmsg)";
    }

    /** Compiles the C loop unless the binary is newer than its source, and returns the binary. */
    public Path build() throws IOException, InterruptedException {
        if (Files.isExecutable(binary)
                && Files.getLastModifiedTime(binary).compareTo(Files.getLastModifiedTime(source)) >= 0) {
            return binary;
        }
        Files.createDirectories(binary.getParent());
        run(List.of("cc", "-O2", "-Wall", "-Wextra", "-pthread", "-o", binary.toString(), source.toString()),
                TimeUnit.MINUTES.toMillis(5));
        return binary;
    }

    @Override
    public Results measure(Plan plan) throws Exception {
        Path exe = build();
        String out = run(List.of(exe.toString(), String.valueOf(plan.messages()), String.valueOf(plan.rounds()),
                String.valueOf(plan.messageSize()), String.valueOf(plan.budget().toMillis()),
                String.valueOf(plan.warmups()), String.valueOf(plan.iterations())),
                // Every run is bounded by the budget; the slack covers process start-up and association setup.
                2L * (plan.warmups() + plan.iterations()) * plan.budget().toMillis() + TimeUnit.MINUTES.toMillis(2));
        Results results = new Results();
        Matcher m = ONE_WAY.matcher(out);
        while (m.find()) {
            if (m.group(1).equals("measure")) {
                results.add(new Results.OneWay(Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                        Long.parseLong(m.group(4)), Long.parseLong(m.group(5)), Long.parseLong(m.group(6))));
            }
        }
        m = PING_PONG.matcher(out);
        while (m.find()) {
            if (m.group(1).equals("measure")) {
                results.add(new Results.PingPong(Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                        Long.parseLong(m.group(4)), Long.parseLong(m.group(5)), Long.parseLong(m.group(6)),
                        Long.parseLong(m.group(7))));
            }
        }
        int oneWayRuns = plan.messages() > 0 ? plan.iterations() : 0;
        int pingPongRuns = plan.rounds() > 0 ? plan.iterations() : 0;
        if (results.oneWay().size() != oneWayRuns || results.pingPong().size() != pingPongRuns) {
            throw new IllegalStateException("sctp_loop printed " + results.oneWay().size() + " one-way and "
                    + results.pingPong().size() + " ping-pong results, expected " + oneWayRuns + " and " + pingPongRuns
                    + ":\n"
                    + out);
        }
        return results;
    }

    /** Runs {@code command}, returns its output (stdout and stderr), and fails on a non-zero exit or a timeout. */
    private static String run(List<String> command, long timeoutMillis) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        AtomicReference<byte[]> output = new AtomicReference<>(new byte[0]);
        Thread pump = new Thread(() -> {
            try (var in = p.getInputStream()) {
                output.set(in.readAllBytes());
            } catch (IOException e) {
                // the process was killed; what it printed is lost with it
            }
        }, "sctp_loop-output");
        pump.start();
        try {
            if (!p.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
                throw new IOException(String.join(" ", command) + " did not finish within " + timeoutMillis + " ms");
            }
            pump.join(TimeUnit.SECONDS.toMillis(10));
        } finally {
            p.destroyForcibly();
        }
        String out = new String(output.get(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed with exit code " + p.exitValue() + ":\n" + out);
        }
        return out;
    }
}
