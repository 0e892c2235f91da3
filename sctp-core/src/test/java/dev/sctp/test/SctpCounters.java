package dev.sctp.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A snapshot of the kernel's SCTP MIB counters ({@code /proc/net/sctp/snmp}, net/sctp/proc.c {@code sctp_snmp_list}),
 * for tests that check an effect on the wire rather than a stored value. The counters are global to the network
 * namespace, so a test compares two snapshots taken around what it does; the module's tests run one at a time.
 */
public final class SctpCounters {

    private static final Path SNMP = Path.of("/proc/net/sctp/snmp");

    private final Map<String, Long> values;

    private SctpCounters(Map<String, Long> values) {
        this.values = values;
    }

    /** Reads every counter now. */
    public static SctpCounters read() throws IOException {
        Map<String, Long> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(SNMP)) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 2) {
                values.put(parts[0], Long.parseLong(parts[1]));
            }
        }
        return new SctpCounters(values);
    }

    /** Returns a counter's value, such as {@code SctpOutSCTPPacks}; fails if the kernel has no such counter. */
    public long get(String name) {
        Long value = values.get(name);
        if (value == null) {
            throw new AssertionError("no counter " + name + " in " + SNMP + "; it has " + values.keySet());
        }
        return value;
    }

    /** Returns how much {@code name} grew from {@code before} to this snapshot. */
    public long since(SctpCounters before, String name) {
        return get(name) - before.get(name);
    }
}
