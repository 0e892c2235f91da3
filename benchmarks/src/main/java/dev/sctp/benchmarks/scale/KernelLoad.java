package dev.sctp.benchmarks.scale;

import dev.sctp.benchmarks.cross.ProcStats;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the kernel's own network processing went through during a scale round, for the log: when packets and SCTP
 * timers wait, which is what ends associations under overload. Loopback packets and the SCTP timers (T3-rtx,
 * heartbeat) run in softirq context; when there is more than a softirq pass can do, the rest goes to the
 * {@code ksoftirqd/N} threads, ordinary threads that then compete for the CPU with every runnable thread of the
 * server. Text for a person to read, not parsed, not in the report's figures.
 */
final class KernelLoad implements AutoCloseable {

    private final long squeeze0 = softnetColumn(2);
    private final long ksoftirqd0 = ksoftirqdNanos();
    private final Thread sampler;
    private volatile boolean stop;
    private long samples;
    private long runnableSum;
    private long runnableMax;

    /** Starts sampling the number of runnable threads (/proc/stat procs_running) every 500 ms. */
    KernelLoad() {
        sampler = new Thread(this::sample, "scale-load-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        while (!stop) {
            long running = procsRunning();
            synchronized (this) {
                samples++;
                runnableSum += running;
                runnableMax = Math.max(runnableMax, running);
            }
            try {
                Thread.sleep(500); // a sampling period, not a wait for a condition
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * One line: runnable threads (mean and max of the samples), softnet time squeezes (a softirq pass that stopped
     * with packets left), ksoftirqd CPU time, and the SCTP paths by state with their RTOs and retransmissions.
     */
    String summary() {
        long squeezes = softnetColumn(2) - squeeze0;
        long ksoftirqdMs = (ksoftirqdNanos() - ksoftirqd0) / 1_000_000;
        String runnable;
        synchronized (this) {
            runnable = samples == 0 ? "?" : String.format("mean %.1f max %d", (double) runnableSum / samples,
                    runnableMax);
        }
        return "runnable threads " + runnable + "; softnet time squeezes " + squeezes + "; ksoftirqd CPU "
                + ksoftirqdMs + " ms; " + paths();
    }

    @Override
    public void close() {
        stop = true;
        sampler.interrupt();
    }

    private static long procsRunning() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
                if (line.startsWith("procs_running ")) {
                    return Long.parseLong(line.substring(14).trim());
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /** A column of /proc/net/softnet_stat (hex, one row per CPU) summed over the CPUs; -1 if unreadable. */
    static long softnetColumn(int column) {
        long sum = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/net/softnet_stat"))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > column) {
                    sum += Long.parseLong(f[column], 16);
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return sum;
    }

    private static long ksoftirqdNanos() {
        long sum = 0;
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : procs) {
                try {
                    if (Files.readString(p.resolve("comm")).startsWith("ksoftirqd/")) {
                        sum += ProcStats.cpuNanos(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException e) {
                    // the process ended while we looked
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return sum;
    }

    /**
     * The SCTP paths of every association on this machine (/proc/net/sctp/remaddr: both ends of the loopback) by
     * state (0 inactive, 1 potentially failed, 2 active, 3 unconfirmed) and their RTOs in jiffies (the kernel
     * prints the raw value: at CONFIG_HZ=250, Debian's, 250 is rto_min's 1 s). Its retransmission column is always 0.
     */
    static String paths() {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("/proc/net/sctp/remaddr"));
        } catch (IOException e) {
            return "remaddr unreadable: " + e;
        }
        Map<String, Integer> states = new TreeMap<>();
        Map<Long, Integer> rtos = new TreeMap<>();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            // ADDR ASSOC_ID HB_ACT RTO MAX_PATH_RTX REM_ADDR_RTX START STATE
            String[] f = line.trim().split("\\s+");
            if (f.length < 8) {
                continue;
            }
            states.merge(f[7], 1, Integer::sum);
            rtos.merge(Long.parseLong(f[3]), 1, Integer::sum);
        }
        return "paths by state " + states + ", by RTO jiffies " + rtos;
    }
}
