package dev.sctp.benchmarks.cross;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Compiles {@code src/main/c/sctp_peer.c} into the module's {@code target/} when the binary is missing or stale. */
final class CPeerBinary {

    private CPeerBinary() {
    }

    /**
     * Returns the binary for {@code source}, or for sctp_peer.c found from the working directory (the repository root
     * or the benchmarks module) when it is null, compiling it first if needed.
     */
    static Path build(Path source) throws IOException, InterruptedException {
        Path src = (source != null ? source : locate()).toAbsolutePath().normalize();
        Path binary = src.getParent().getParent().getParent().getParent().resolve("target").resolve("sctp_peer");
        if (Files.isExecutable(binary)
                && Files.getLastModifiedTime(binary).compareTo(Files.getLastModifiedTime(src)) >= 0) {
            return binary;
        }
        Files.createDirectories(binary.getParent());
        List<String> cc = List.of("cc", "-O2", "-Wall", "-Wextra", "-o", binary.toString(), src.toString());
        Process p = new ProcessBuilder(cc).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cc) + " failed:\n" + new String(out, StandardCharsets.UTF_8));
        }
        return binary;
    }

    private static Path locate() {
        for (Path candidate : List.of(Path.of("src/main/c/sctp_peer.c"),
                Path.of("benchmarks/src/main/c/sctp_peer.c"))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("cannot find src/main/c/sctp_peer.c from " + Path.of("").toAbsolutePath()
                + "; run from the repository root or the benchmarks module, or pass --c-source PATH");
    }
}
