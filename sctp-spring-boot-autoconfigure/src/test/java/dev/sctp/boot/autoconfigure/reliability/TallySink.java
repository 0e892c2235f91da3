package dev.sctp.boot.autoconfigure.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.test.CProgram;
import dev.sctp.test.ExternalPeer;
import dev.sctp.test.FaultLab;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The independent receiver of the Spring-level reliability tests, {@code sctp-core/src/test/c/tallysink.c}, in its
 * own process: it counts the messages of one association per stream (each message starts with its per-stream
 * sequence number, see {@link #number}), prints {@code idle T} while nothing arrives and, at the end, how the
 * association ended (SHUTDOWN or COMM_LOST) and its account.
 */
final class TallySink implements AutoCloseable {

    private static final Pattern IDLE = Pattern.compile("idle (\\d+)\n");
    private static final Pattern STREAM = Pattern.compile(
            "stream (\\d+) count (\\d+) first (\\d+) last (\\d+) gaps (\\d+)");
    private static final Pattern SUMMARY = Pattern.compile("max-gap before stream (\\d+) seq (\\d+)\nend (\\w+)\n"
            + "received (\\d+) errors (\\d+) max-gap-ms (\\d+)");

    private static @Nullable String program;

    private final ExternalPeer process;

    private TallySink(ExternalPeer process) {
        this.process = process;
    }

    /** Starts the receiver in {@code lab}'s peer namespace, bound to every peer address, and waits until it listens. */
    static TallySink startIn(FaultLab lab, int port, Duration timeout) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(program(), String.valueOf(port)));
        for (int p = 1; p <= lab.paths(); p++) {
            command.add(lab.peer(p));
        }
        return started(ExternalPeer.start(lab.inPeer(command.toArray(String[]::new))), timeout);
    }

    /**
     * Starts the receiver in {@code lab}'s peer namespace as an echo peer ({@code --echo}): it sends every message back
     * on the stream it came on, and counts without checking the order.
     */
    static TallySink startEchoIn(FaultLab lab, int port, Duration timeout) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(program(), "--echo", String.valueOf(port)));
        for (int p = 1; p <= lab.paths(); p++) {
            command.add(lab.peer(p));
        }
        return started(ExternalPeer.start(lab.inPeer(command.toArray(String[]::new))), timeout);
    }

    /** Starts the receiver in this namespace, bound to {@code address}, and waits until it listens. */
    static TallySink startLocal(String address, int port, Duration timeout) throws IOException, InterruptedException {
        return started(ExternalPeer.start(program(), String.valueOf(port), address), timeout);
    }

    /** Compiles the receiver once per test JVM, so that starting it again (a restarted peer) takes no compiling. */
    private static synchronized String program() throws IOException, InterruptedException {
        if (program == null) {
            program = CProgram.compile("tallysink").toString();
        }
        return program;
    }

    private static TallySink started(ExternalPeer process, Duration timeout) throws InterruptedException {
        try {
            process.awaitOutput(out -> out.contains("listening"), timeout);
        } catch (AssertionError | InterruptedException | RuntimeException e) {
            process.close();
            throw e;
        }
        return new TallySink(process);
    }

    /** Writes {@code sequence} into the first 4 bytes of a new {@code size}-byte message. */
    static byte[] number(int sequence, int size) {
        byte[] message = new byte[size];
        message[0] = (byte) (sequence >>> 24);
        message[1] = (byte) (sequence >>> 16);
        message[2] = (byte) (sequence >>> 8);
        message[3] = (byte) sequence;
        return message;
    }

    /** Returns the sequence number a message starts with. */
    static int sequence(byte[] message) {
        return (message[0] & 0xff) << 24 | (message[1] & 0xff) << 16 | (message[2] & 0xff) << 8 | (message[3] & 0xff);
    }

    /** Returns how much the receiver printed so far, to look only at what it prints later. */
    int mark() {
        return process.output().length();
    }

    /**
     * Waits until the receiver, after {@code mark}, reported twice in a row that nothing arrived for 200 ms with the
     * same count, and returns that count: with every path cut, all it will ever read.
     */
    long awaitIdle(int mark, Duration timeout) throws InterruptedException {
        String out = process.awaitOutput(all -> stableIdle(all.substring(mark)) >= 0, timeout);
        return stableIdle(out.substring(mark));
    }

    private static long stableIdle(String out) {
        Matcher m = IDLE.matcher(out);
        long previous = -1;
        while (m.find()) {
            long count = Long.parseLong(m.group(1));
            if (count == previous) {
                return count;
            }
            previous = count;
        }
        return -1;
    }

    /** Waits for the receiver to end (its association ended) and returns its account. */
    Account awaitEnd(Duration timeout) throws InterruptedException {
        assertThat(process.waitFor(timeout)).as("receiver exit code; its output:\n%s", tail()).isZero();
        String out = process.output();
        Matcher summary = SUMMARY.matcher(out);
        assertThat(summary.find()).as("the receiver's summary in:\n%s", tail()).isTrue();
        Map<Integer, Stream> streams = new TreeMap<>();
        Matcher m = STREAM.matcher(out);
        while (m.find()) {
            streams.put(Integer.parseInt(m.group(1)), new Stream(Long.parseLong(m.group(2)),
                    Long.parseLong(m.group(3)), Long.parseLong(m.group(4)), Long.parseLong(m.group(5))));
        }
        return new Account(streams, summary.group(3), Long.parseLong(summary.group(4)),
                Long.parseLong(summary.group(5)), Long.parseLong(summary.group(6)),
                Integer.parseInt(summary.group(1)), Long.parseLong(summary.group(2)));
    }

    /** Kills the receiver with SIGKILL, as a crash would: it closes nothing itself. */
    void kill() {
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
    }

    /** Returns the end of what the receiver printed, for failure messages. */
    String tail() {
        String out = process.output();
        return out.length() > 4000 ? "..." + out.substring(out.length() - 4000) : out;
    }

    @Override
    public void close() {
        process.close();
    }

    /** One stream's account: how many messages, the first and last sequence number, and skipped numbers. */
    record Stream(long count, long first, long last, long gaps) {
    }

    /**
     * The receiver's account: per stream, how the association ended ({@code shutdown}, {@code comm_lost}, {@code eof}
     * or {@code error}), messages received, errors (a number that did not rise), the longest pause in ms and the
     * message (stream and sequence number) that ended it.
     */
    record Account(Map<Integer, Stream> streams, String end, long received, long errors, long maxGapMillis,
            int gapStream, long gapSequence) {
    }
}
