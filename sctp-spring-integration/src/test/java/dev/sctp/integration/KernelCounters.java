package dev.sctp.integration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The kernel's SCTP counters of /proc/net/sctp/snmp, to check what went on the wire. */
public final class KernelCounters {

    private KernelCounters() {
    }

    /** Returns the counter {@code name} (such as {@code SctpAborteds}). */
    public static long read(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/net/sctp/snmp"))) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length == 2 && fields[0].equals(name)) {
                    return Long.parseLong(fields[1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("No counter " + name + " in /proc/net/sctp/snmp");
    }
}
