package dev.sctp.test;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What this process holds, read from {@code /proc/self}: the baselines the churn and resource tests compare. */
public final class ProcessResources {

    private ProcessResources() {
    }

    /** Entries in {@code /proc/self/fd}: every open fd of the process, the library's and the JVM's. */
    public static long openFds() {
        String[] entries = new File("/proc/self/fd").list();
        if (entries == null) {
            throw new AssertionError("/proc/self/fd cannot be listed");
        }
        return entries.length;
    }

    /** VmRSS of {@code /proc/self/status}, in bytes. */
    public static long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
            }
        }
        throw new AssertionError("VmRSS missing from /proc/self/status");
    }
}
