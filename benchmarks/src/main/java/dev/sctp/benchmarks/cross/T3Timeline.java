package dev.sctp.benchmarks.cross;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * When, within a run, the kernel's T3-rtx timer expired: a thread that reads {@code SctpT3RtxExpireds} from
 * /proc/net/sctp/snmp every {@value #PERIOD_MILLIS} ms and notes the {@link System#nanoTime()} of each rise.
 *
 * <p>Why: a run's T3 delta says how many timeouts, not where. Whether they fall while the sender is still sending
 * (a window that stayed shut for a whole RTO, a reader that stalled) or after it stopped (a dropped zero-window probe
 * with too few packets behind it to be fast-retransmitted) are different causes. Every peer times its start and end
 * with CLOCK_MONOTONIC, as {@code System.nanoTime()} does, so these instants compare with theirs in one kernel. The
 * counter is the whole network namespace's: an expiry on another association counts too (the benchmark runs one
 * pairing at a time). It parses the bytes itself, unlike {@link ProcStats#snmp()}, to allocate little at 50 reads a
 * second.
 */
final class T3Timeline {

    static final long PERIOD_MILLIS = 20;
    private static final Path SNMP = Path.of("/proc/net/sctp/snmp");
    private static final byte[] NAME = ProcStats.T3.getBytes(StandardCharsets.US_ASCII);

    /** A gap between two samples this much longer than the period means this process was not scheduled. */
    static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final List<Long> rises = new ArrayList<>();
    private final List<long[]> stalls = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    private T3Timeline() {
        thread = new Thread(this::sample, "t3-timeline");
        thread.setDaemon(true);
    }

    /** Starts sampling now. */
    static T3Timeline start() {
        T3Timeline t = new T3Timeline();
        t.thread.start();
        return t;
    }

    /**
     * Stops sampling (after one last read) and returns the instants (nanoTime) at which the counter was seen to rise,
     * once per unit; calling it again returns the same. An instant is when the sample saw the rise, up to one period
     * (plus any stall) after the expiry itself.
     */
    List<Long> stop() throws InterruptedException {
        running = false;
        thread.join();
        synchronized (rises) {
            return List.copyOf(rises);
        }
    }

    /**
     * The times this sampler woke more than {@link #STALL_NANOS} late, each as {start nanoTime, lateness}: the
     * machine did not run it (a busy or stalled virtual CPU), so it may not have run the peers either. Call after
     * {@link #stop()}.
     */
    List<long[]> stalls() {
        synchronized (rises) {
            return List.copyOf(stalls);
        }
    }

    private void sample() {
        long last = read();
        long woke = System.nanoTime();
        boolean more = true;
        while (more) {
            more = running; // after the last turn's read, one more: expiries until stop() are all seen
            try {
                TimeUnit.MILLISECONDS.sleep(more ? PERIOD_MILLIS : 0);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            long value = read();
            synchronized (rises) {
                if (last >= 0) {
                    for (long i = last; i < value; i++) {
                        rises.add(now);
                    }
                }
                long late = now - woke - TimeUnit.MILLISECONDS.toNanos(PERIOD_MILLIS);
                if (more && late > STALL_NANOS) {
                    stalls.add(new long[] {woke, late});
                }
            }
            woke = now;
            if (value >= 0) {
                last = Math.max(last, value); // a failed read (-1) neither counts rises nor moves the base
            }
        }
    }

    /** The counter's value, or -1 if the file could not be read. */
    private static long read() {
        byte[] b;
        try {
            b = Files.readAllBytes(SNMP);
        } catch (IOException e) {
            return -1;
        }
        return parse(b);
    }

    /** The value on the {@code SctpT3RtxExpireds} line of the snmp file's bytes, or -1 if absent (not counted). */
    static long parse(byte[] b) {
        outer:
        for (int i = 0; i + NAME.length <= b.length; i++) {
            if (i > 0 && b[i - 1] != '\n') {
                continue;
            }
            for (int j = 0; j < NAME.length; j++) {
                if (b[i + j] != NAME[j]) {
                    continue outer;
                }
            }
            int k = i + NAME.length;
            while (k < b.length && (b[k] == ' ' || b[k] == '\t')) {
                k++;
            }
            long v = 0;
            while (k < b.length && b[k] >= '0' && b[k] <= '9') {
                v = v * 10 + (b[k] - '0');
                k++;
            }
            return v;
        }
        return -1;
    }

    /** Describes each stall relative to a run's start. */
    static String describeStalls(List<long[]> stalls, long start) {
        StringBuilder s = new StringBuilder();
        for (long[] st : stalls) {
            s.append(s.length() > 0 ? "; " : "").append(String.format(Locale.ROOT,
                    "sampler not run for %.0f ms from +%.2f s", st[1] / 1e6, (st[0] - start) / 1e9));
        }
        return s.toString();
    }

    /** Describes each rise relative to a run: seconds after its start, and before or after the sender finished. */
    static String describe(List<Long> rises, long start, long senderDone, long end) {
        StringBuilder s = new StringBuilder();
        for (long t : rises) {
            if (s.length() > 0) {
                s.append("; ");
            }
            s.append(String.format(Locale.ROOT, "T3 at +%.2f s", (t - start) / 1e9));
            s.append(t <= senderDone
                    ? String.format(Locale.ROOT, " (sender still sending, done at +%.2f s)", (senderDone - start) / 1e9)
                    : String.format(Locale.ROOT, " (%.2f s after the sender's last send call)", (t - senderDone) / 1e9));
            s.append(String.format(Locale.ROOT, ", receiver done at +%.2f s", (end - start) / 1e9));
        }
        return s.toString();
    }
}
