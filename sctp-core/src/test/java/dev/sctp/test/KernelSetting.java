package dev.sctp.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A sysctl of the test VM (which runs tests as root), set for a test and put back on close. */
public final class KernelSetting implements AutoCloseable {

    private final Path path;
    private final String previous;

    private KernelSetting(Path path, String previous) {
        this.path = path;
        this.previous = previous;
    }

    /** Sets {@code name} (a path under /proc/sys, such as {@code net/sctp/reconf_enable}) until close. */
    public static KernelSetting set(String name, String value) throws IOException {
        Path path = Path.of("/proc/sys", name);
        // Not Files.readString: it reads a file that reports size 0 one byte first, and a sysctl file answers only a
        // read at offset 0, so it would get "2" of "212992" (see SctpServerSocket)
        String previous = Files.readAllLines(path).get(0).trim();
        Files.writeString(path, value);
        return new KernelSetting(path, previous);
    }

    @Override
    public void close() {
        try {
            Files.writeString(path, previous);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
