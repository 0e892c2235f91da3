package dev.sctp.test;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An external program (socat, sctp_test, a second JVM) run as a test peer: its output (stdout and stderr merged) is
 * collected in the background, every wait has a timeout, and {@link #close()} kills it and anything it forked.
 *
 * <pre>{@code
 * try (ExternalPeer socat = ExternalPeer.start("socat", "SCTP4-LISTEN:5000,reuseaddr", "PIPE")) {
 *     ...
 *     socat.awaitOutput(out -> out.contains("done"), Duration.ofSeconds(10));
 * }
 * }</pre>
 */
public final class ExternalPeer implements AutoCloseable {

    /** Started as the interpreter it resolves to, not through a shim (see {@link PythonInterpreter}). */
    private static final String PYTHON = "python3";

    /** How long {@link #close()} lets the process end on SIGTERM before it is killed. */
    private static final Duration GRACE = Duration.ofSeconds(2);

    private final List<String> command;
    private final Process process;
    private final StringBuilder output = new StringBuilder();
    private final Thread pump;

    private ExternalPeer(List<String> command, Process process) {
        this.command = command;
        this.process = process;
        // A daemon thread drains the pipe: a peer that fills it would otherwise block and look hung.
        this.pump = new Thread(this::pumpOutput, "peer-output-" + new File(command.get(0)).getName());
        this.pump.setDaemon(true);
        this.pump.start();
    }

    /**
     * Starts {@code command}; the program is looked up on PATH. Fails with the packages to install when it is
     * missing, so a machine without the tools fails loudly instead of skipping interop coverage. {@code python3}
     * runs the interpreter itself, resolved once (see {@link PythonInterpreter}).
     */
    public static ExternalPeer start(String... command) throws IOException {
        return start(List.of(command));
    }

    /** Starts {@code command}; see {@link #start(String...)}. */
    public static ExternalPeer start(List<String> command) throws IOException {
        requireProgram(command.get(0));
        List<String> resolved = new ArrayList<>(command);
        if (PYTHON.equals(command.get(0))) {
            resolved.set(0, PythonInterpreter.path());
        }
        Process process = new ProcessBuilder(resolved).redirectErrorStream(true).start();
        return new ExternalPeer(List.copyOf(resolved), process);
    }

    /** Returns the program this peer runs: for {@code python3}, the interpreter it resolved to. */
    public String program() {
        return command.get(0);
    }

    /**
     * Fails unless {@code program} is an executable path or found on PATH, naming the Debian packages that provide
     * the interop peers.
     */
    public static void requireProgram(String program) {
        if (program.contains("/")) {
            if (Files.isExecutable(Path.of(program))) {
                return;
            }
        } else {
            String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                    return;
                }
            }
        }
        throw new AssertionError(program + " is not installed; the interop tests need real peers:"
                + " apt-get install -y socat lksctp-tools libsctp1 (scripts/test installs them)");
    }

    private void pumpOutput() {
        byte[] buf = new byte[8192];
        try (InputStream in = process.getInputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                // ISO-8859-1 maps every byte to one char, so binary noise cannot break the decoding.
                String chunk = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
                synchronized (output) {
                    output.append(chunk);
                    output.notifyAll();
                }
            }
        } catch (IOException e) {
            // The process ended or was killed: what was read so far stays available.
        }
    }

    /** Returns everything the peer printed so far. */
    public String output() {
        synchronized (output) {
            return output.toString();
        }
    }

    /**
     * Waits until the output so far satisfies {@code condition}, and returns it.
     *
     * @throws AssertionError with the output so far if the timeout passes or the peer exits first
     */
    public String awaitOutput(Predicate<String> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (output) {
            while (true) {
                String now = output.toString();
                if (condition.test(now)) {
                    return now;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("timed out after " + timeout + " waiting for the output of " + this
                            + "; output so far:\n" + now);
                }
                if (!process.isAlive() && !pump.isAlive()) {
                    throw new AssertionError(this + " exited with " + process.exitValue()
                            + " before printing what was expected; output:\n" + now);
                }
                // Bounded wait so an exit without further output is still noticed.
                TimeUnit.NANOSECONDS.timedWait(output, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
            }
        }
    }

    /** Writes {@code text} (UTF-8) to the peer's standard input and flushes it. */
    public void write(String text) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write(text.getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Closes the peer's standard input, so a program reading it sees end of file. */
    public void closeInput() throws IOException {
        process.getOutputStream().close();
    }

    /**
     * Waits for the peer to exit on its own and returns its exit code, with all output read.
     *
     * @throws AssertionError with the output if it is still running after {@code timeout}
     */
    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new AssertionError(this + " did not exit within " + timeout + "; output so far:\n" + output());
        }
        // The pump ends at end of file, which follows the exit unless a forked child holds the pipe.
        pump.join(GRACE.toMillis());
        return process.exitValue();
    }

    /** Returns whether the peer is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Returns the process id, for diagnostics. */
    public long pid() {
        return process.pid();
    }

    /**
     * Ends the peer and everything it forked (socat's per-connection children): SIGTERM first, SIGKILL after a
     * short grace period. Idempotent; never throws.
     */
    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>();
        process.descendants().forEach(all::add);
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + GRACE.toNanos();
        for (ProcessHandle p : all) {
            long left = deadline - System.nanoTime();
            try {
                p.onExit().get(Math.max(left, 1), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
        if (!Thread.currentThread().isInterrupted()) {
            try {
                process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "'" + String.join(" ", command) + "' (pid " + process.pid() + ")";
    }
}
