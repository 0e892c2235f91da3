package dev.sctp.benchmarks.scale;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Compiles {@code src/main/c/sctp_scale_clients.c} into the module's {@code target/} when missing or stale. */
final class ScaleClientBinary {

    private static final String SOURCE = "sctp_scale_clients.c";

    private ScaleClientBinary() {
    }

    static Path build(Path source) throws IOException, InterruptedException {
        Path src = (source != null ? source : locate()).toAbsolutePath().normalize();
        Path binary = src.getParent().getParent().getParent().getParent().resolve("target")
                .resolve("sctp_scale_clients");
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
        for (Path candidate : List.of(Path.of("src/main/c/" + SOURCE), Path.of("benchmarks/src/main/c/" + SOURCE))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("cannot find src/main/c/" + SOURCE + " from " + Path.of("").toAbsolutePath()
                + "; run from the repository root or the benchmarks module, or pass --c-source PATH");
    }
}
