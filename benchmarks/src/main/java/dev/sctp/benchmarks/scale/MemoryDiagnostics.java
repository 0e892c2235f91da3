package dev.sctp.benchmarks.scale;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Where the memory of a process and of the kernel goes, for the scale benchmark's log: the JVM's Native Memory
 * Tracking summary (when the JVM runs with {@code -XX:NativeMemoryTracking=summary}; its "Thread" lines split the
 * thread stacks into reserved and committed), the process's {@code /proc/self/smaps_rollup}, and the kernel's own
 * memory that no process's RSS shows ({@link #kernel()}). Text for a person to read, not parsed.
 */
final class MemoryDiagnostics {

    /** /proc/meminfo fields that hold kernel memory: thread kernel stacks, page tables, slab (sockets, skbs). */
    private static final List<String> MEMINFO = List.of("MemTotal", "MemAvailable", "AnonPages", "Shmem", "Slab",
            "SReclaimable", "SUnreclaim", "KernelStack", "PageTables", "Committed_AS");

    private MemoryDiagnostics() {
    }

    /** The NMT summary (or why there is none) and smaps_rollup of this process, one "diag:" line each. */
    static String report() {
        StringBuilder out = new StringBuilder();
        String nmt;
        try {
            nmt = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                    new Object[] {new String[] {"summary"}}, new String[] {String[].class.getName()});
        } catch (JMException | RuntimeException e) {
            nmt = "native memory tracking not available: " + e;
        }
        for (String line : nmt.split("\n")) {
            if (!line.isBlank()) {
                out.append("diag: nmt ").append(line.strip()).append('\n');
            }
        }
        out.append(lines("smaps", Path.of("/proc/self/smaps_rollup"), null));
        return out.toString();
    }

    /**
     * The kernel's memory: selected /proc/meminfo fields and the SCTP line of /proc/net/protocols (its memory column
     * is the pages SCTP sockets have charged, sctp_memory_allocated, compared with net.sctp.sctp_mem), plus the SCTP
     * socket and association counts.
     */
    static String kernel() {
        StringBuilder out = new StringBuilder();
        out.append(lines("meminfo", Path.of("/proc/meminfo"), MEMINFO));
        out.append(lines("protocols", Path.of("/proc/net/protocols"), List.of("protocol", "SCTP")));
        out.append("diag: sctp associations=").append(count(Path.of("/proc/net/sctp/assocs")))
                .append(" endpoints=").append(count(Path.of("/proc/net/sctp/eps"))).append('\n');
        return out.toString();
    }

    private static String lines(String label, Path file, List<String> prefixes) {
        StringBuilder out = new StringBuilder();
        try {
            for (String line : Files.readAllLines(file)) {
                if (prefixes == null || prefixes.stream().anyMatch(p -> line.startsWith(p + ":")
                        || line.startsWith(p + " "))) {
                    out.append("diag: ").append(label).append(' ').append(line.replaceAll("\\s+", " ")).append('\n');
                }
            }
        } catch (IOException e) {
            out.append("diag: ").append(label).append(" unreadable: ").append(e).append('\n');
        }
        return out.toString();
    }

    private static long count(Path file) {
        try {
            return Math.max(0, Files.readAllLines(file).size() - 1); // less the header line
        } catch (IOException e) {
            return -1;
        }
    }
}
