package dev.sctp.benchmarks.scale;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child process driven by lines: commands to its stdin, answers read from its stdout by a daemon thread, so a wait
 * for an answer has a timeout and an "error ..." line or an early exit fails at once with the process's words.
 */
final class LineProcess implements AutoCloseable {

    private static final String EXITED = "\u0000exited";

    private final String name;
    private final Process process;
    private final OutputStream in;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private volatile String handlers = "?";

    private LineProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.in = process.getOutputStream();
        Thread reader = new Thread(this::pump, name + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    static LineProcess start(String name, List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return new LineProcess(name, p);
    }

    private void pump() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the process went away; EXITED below says so
        }
        lines.add(EXITED);
    }

    long pid() {
        return process.pid();
    }

    void send(String command) throws IOException {
        if (process.isAlive()) {
            in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        }
    }

    /** Waits for the next line starting with {@code prefix}, skipping others; fails on "error" or exit. */
    String expect(String prefix, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new IllegalStateException(name + ": no '" + prefix.trim() + "' within " + timeoutMs + " ms");
            }
            if (line.equals(EXITED)) {
                throw new IllegalStateException(name + " exited (" + exitCode() + ") while waiting for '"
                        + prefix.trim() + "'");
            }
            if (line.startsWith("error")) {
                throw new IllegalStateException(name + ": " + line);
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    private String exitCode() throws InterruptedException {
        return process.waitFor(5, TimeUnit.SECONDS) ? "status " + process.exitValue() : "still running";
    }

    void handlers(String value) {
        if (value != null) {
            handlers = value;
        }
    }

    String lastHandlers() {
        return handlers;
    }

    @Override
    public void close() throws InterruptedException {
        try {
            in.close();
        } catch (IOException e) {
            // already gone
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
