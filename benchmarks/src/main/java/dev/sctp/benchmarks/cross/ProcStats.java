package dev.sctp.benchmarks.cross;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** What the benchmarks read from /proc: the kernel's SCTP counters and a process's CPU time. */
public final class ProcStats {

    /** The SCTP MIB counter of T3-rtx timer expirations: each one is a sender that waited out its RTO. */
    public static final String T3 = "SctpT3RtxExpireds";
    /** The SCTP MIB counter of fast retransmissions. */
    public static final String FAST_RTX = "SctpFastRetransmits";
    /** The SCTP MIB counter of delayed-SACK timer expirations: a receiver that held its SACK for sack_delay. */
    public static final String DELAYED_SACK = "SctpDelaySackExpireds";
    /** The SCTP MIB counter of DATA chunks the receiver discarded (e.g. over its receive buffer). */
    public static final String DATA_DISCARDS = "SctpInDataChunkDiscards";

    /** Linux's USER_HZ: /proc/PID/stat counts CPU time in these ticks; 100 on every mainstream architecture. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private ProcStats() {
    }

    /** Reads /proc/net/sctp/snmp: each line is a counter name and its value. */
    public static Map<String, Long> snmp() {
        return snmp(Path.of("/proc/net/sctp/snmp"));
    }

    static Map<String, Long> snmp(Path file) {
        Map<String, Long> counters = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String[] w = line.trim().split("\\s+");
                if (w.length == 2) {
                    counters.put(w[0], Long.parseLong(w[1]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": the kernel has no SCTP loaded", e);
        }
        if (!counters.containsKey(T3) || !counters.containsKey(FAST_RTX)) {
            throw new IllegalStateException(file + " lacks " + T3 + " or " + FAST_RTX + ": " + counters.keySet());
        }
        return counters;
    }

    /** Returns utime + stime of process {@code pid}, all its threads, in nanoseconds (10 ms resolution). */
    public static long cpuNanos(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            return cpuNanos(readFully(stat));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + stat + ": has the peer process exited?", e);
        }
    }

    static long cpuNanos(String stat) {
        // The command name (field 2) is in parentheses and may hold spaces; count fields after its last ')'.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // After the name: field 3 (state) is f[0], so utime (14) is f[11] and stime (15) is f[12].
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
    }

    /** Returns the first line of a /proc file trimmed, or "?" if it cannot be read. */
    public static String read(String path) {
        try {
            return readFully(Path.of(path)).trim().replaceAll("\\s+", " ");
        } catch (IOException e) {
            return "?";
        }
    }

    /** Reads to the end: /proc files report size 0, so a read sized by the file's length may stop short. */
    private static String readFully(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    /** Returns the CPU model from /proc/cpuinfo, or "?". */
    public static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }
}
