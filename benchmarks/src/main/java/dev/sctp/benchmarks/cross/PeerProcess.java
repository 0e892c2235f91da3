package dev.sctp.benchmarks.cross;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The harness's handle on one long-lived peer process: writes commands to its stdin, reads its one-line answers
 * (on a thread of its own, so a wait has a timeout), and reads its CPU time from /proc.
 */
final class PeerProcess implements AutoCloseable {

    private static final String EOF = "\u0000eof";

    private final PeerKind kind;
    private final String role;
    private final Process process;
    private final Writer in;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();

    private PeerProcess(PeerKind kind, String role, Process process) {
        this.kind = kind;
        this.role = role;
        this.process = process;
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::pump, "peer-" + kind.key() + "-" + role);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code command} as the {@code role} ("client" or "server") peer of {@code kind}. */
    static PeerProcess start(PeerKind kind, String role, List<String> command) throws IOException {
        // stderr goes to the harness's, so a crashing JVM's stack trace is seen where the run is watched.
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return new PeerProcess(kind, role, p);
    }

    PeerKind kind() {
        return kind;
    }

    String role() {
        return role;
    }

    private void pump() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                answers.add(line);
            }
        } catch (IOException e) {
            // the process is gone; the EOF below tells the waiter
        }
        answers.add(EOF);
    }

    /** Writes one command line without waiting for its answer. */
    void post(String command) throws IOException {
        in.write(command);
        in.write('\n');
        in.flush();
    }

    /**
     * Waits for the answer to the oldest command not yet answered.
     *
     * @throws IOException if the peer reported an error, exited, or did not answer within {@code timeoutMillis}
     */
    String answer(long timeoutMillis) throws IOException, InterruptedException {
        String line = answers.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new IOException(this + " did not answer within " + timeoutMillis + " ms");
        }
        if (line.equals(EOF)) {
            answers.add(EOF);
            throw new IOException(this + " exited" + (process.isAlive() ? "" : " with status " + process.waitFor()));
        }
        if (line.startsWith("error")) {
            throw new IOException(this + " failed: " + line);
        }
        return line;
    }

    /** Posts {@code command} and waits for its answer. */
    String call(String command, long timeoutMillis) throws IOException, InterruptedException {
        post(command);
        return answer(timeoutMillis);
    }

    /** Returns the process's CPU time so far (user + system, all threads) in nanoseconds. */
    long cpuNanos() {
        return ProcStats.cpuNanos(process.pid());
    }

    /** Returns the process's CPU time so far by thread class. */
    ThreadCpu threadCpu() {
        return ThreadCpu.of(process.pid());
    }

    @Override
    public void close() throws InterruptedException {
        try {
            post("quit");
        } catch (IOException e) {
            // already gone
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public String toString() {
        return kind.label() + " " + role + " (pid " + process.pid() + ")";
    }
}
