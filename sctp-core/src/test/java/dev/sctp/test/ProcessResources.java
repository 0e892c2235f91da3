package dev.sctp.test;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

    /**
     * What each entry of {@code /proc/self/fd} points to ({@code socket:[inode]}, {@code anon_inode:[eventpoll]}, a
     * path), so that a failed fd count can name what was left open. An fd closed while listing is skipped.
     */
    public static List<String> openFdTargets() {
        List<String> targets = new ArrayList<>();
        String[] entries = new File("/proc/self/fd").list();
        if (entries == null) {
            throw new AssertionError("/proc/self/fd cannot be listed");
        }
        for (String entry : entries) {
            try {
                targets.add(Files.readSymbolicLink(Path.of("/proc/self/fd", entry)).toString());
            } catch (IOException e) {
                // closed meanwhile, or the listing's own directory fd
            }
        }
        return targets;
    }

    /**
     * Returns the targets in {@code after} beyond those in {@code before}, counting repeats; a socket comes with the
     * kernel's line for its inode from {@code /proc/net/{sctp/eps,sctp/assocs,tcp,tcp6,udp,unix}}, to tell what it is.
     */
    public static List<String> added(List<String> before, List<String> after) {
        List<String> added = new ArrayList<>(after);
        before.forEach(added::remove);
        added.replaceAll(ProcessResources::describe);
        return added;
    }

    private static String describe(String target) {
        if (!target.startsWith("socket:[")) {
            return target;
        }
        String inode = target.substring("socket:[".length(), target.length() - 1);
        for (String table : List.of("sctp/eps", "sctp/assocs", "tcp", "tcp6", "udp", "unix")) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/net", table))) {
                    if (List.of(line.trim().split("\\s+")).contains(inode)) {
                        return target + " in /proc/net/" + table + ": " + line.trim();
                    }
                }
            } catch (IOException e) {
                // that table does not exist here
            }
        }
        return target + " (in none of /proc/net's tables)";
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
