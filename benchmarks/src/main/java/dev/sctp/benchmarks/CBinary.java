package dev.sctp.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Compiles a C program of {@code src/main/c/} into the module's {@code target/} when the binary is missing or older
 * than its source, so the benchmarks' C peers are built where they run (here or in the test VM).
 */
public final class CBinary {

    private CBinary() {
    }

    /**
     * Returns the binary for {@code source}, or for {@code fileName} found under {@code src/main/c/} from the working
     * directory (the repository root or the benchmarks module) when it is null, compiling it first if needed.
     *
     * @param source the C file given on the command line, or null
     * @param fileName the C file's name under {@code src/main/c/}, e.g. {@code sctp_peer.c}
     */
    public static Path build(Path source, String fileName) throws IOException, InterruptedException {
        Path src = (source != null ? source : locate(fileName)).toAbsolutePath().normalize();
        String name = src.getFileName().toString();
        Path binary = src.getParent().getParent().getParent().getParent().resolve("target")
                .resolve(name.endsWith(".c") ? name.substring(0, name.length() - 2) : name + ".bin");
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

    private static Path locate(String fileName) {
        for (Path candidate : List.of(Path.of("src/main/c", fileName), Path.of("benchmarks/src/main/c", fileName))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("cannot find src/main/c/" + fileName + " from " + Path.of("").toAbsolutePath()
                + "; run from the repository root or the benchmarks module, or pass --c-source PATH");
    }
}
