package dev.sctp.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;

/**
 * The independent receiver of the reliability tests ({@code src/test/c/pathsink.c}) running in a {@link FaultLab}'s
 * peer namespace, bound to every peer address of the lab, with its account of what arrived. Messages for it start
 * with a per-stream sequence number and a kind ({@link #ORDERED} or {@link #UNORDERED}), see {@link #number}.
 */
public final class PathSink implements AutoCloseable {

    /** Kind of a message sent ordered. */
    public static final int ORDERED = 0;
    /** Kind of a message sent unordered. */
    public static final int UNORDERED = 1;

    private final ExternalPeer process;

    private PathSink(ExternalPeer process) {
        this.process = process;
    }

    /** Starts the receiver in {@code lab}'s namespace on {@code port} and waits until it listens. */
    public static PathSink start(FaultLab lab, int port, Duration timeout) throws IOException, InterruptedException {
        String program = CProgram.compile("pathsink").toString();
        String[] command = new String[2 + lab.paths()];
        command[0] = program;
        command[1] = String.valueOf(port);
        for (int p = 1; p <= lab.paths(); p++) {
            command[1 + p] = lab.peer(p);
        }
        ExternalPeer process = ExternalPeer.start(lab.inPeer(command));
        try {
            process.awaitOutput(out -> out.contains("listening"), timeout);
        } catch (AssertionError | InterruptedException | RuntimeException e) {
            process.close();
            throw e;
        }
        return new PathSink(process);
    }

    /** Writes message number {@code sequence} of {@code kind} into the first 8 bytes of {@code buffer}. */
    public static void number(java.nio.ByteBuffer buffer, int sequence, int kind) {
        buffer.putInt(0, sequence).putInt(4, kind);
    }

    /**
     * Waits for the receiver to finish (after this side shut down) and checks its account: each stream {@code s}
     * delivered {@code ordered[s]} ordered messages in sequence and {@code unordered[s]} unordered ones, each once.
     *
     * @return the longest pause between two consecutive messages at the receiver, in milliseconds
     */
    public long verify(int[] ordered, int[] unordered, Duration timeout) throws InterruptedException {
        assertThat(process.waitFor(timeout)).as("receiver exit code; its output:\n%s", process.output()).isZero();
        String out = process.output();
        long total = 0;
        for (int s = 0; s < ordered.length; s++) {
            total += ordered[s] + unordered[s];
            if (ordered[s] + unordered[s] > 0) {
                assertThat(out).as("stream %d's account", s).contains("stream " + s + " ordered " + ordered[s]
                        + " unordered " + unordered[s] + "\n");
            }
        }
        assertThat(out).as("the receiver's summary").contains("received " + total + " errors 0 duplicates 0 ");
        return Long.parseLong(out.replaceAll("(?s).*max-gap-ms (\\d+).*", "$1"));
    }

    /** Returns what the receiver printed so far. */
    public String output() {
        return process.output();
    }

    @Override
    public void close() {
        process.close();
    }
}
