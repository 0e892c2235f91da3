package dev.sctp.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The C peers of {@code src/test/c}, compiled on first use into {@code target/c}: independent implementations. */
public final class CPrograms {

    private CPrograms() {
    }

    /**
     * Compiles {@code src/test/c/NAME.c} (once per JVM and source change) and returns the program's absolute path.
     *
     * @param name the program's name, without {@code .c}
     */
    public static synchronized String compile(String name) throws IOException, InterruptedException {
        Path source = Path.of("src", "test", "c", name + ".c");
        if (!Files.isRegularFile(source)) {
            throw new IOException(source.toAbsolutePath() + " does not exist: run the tests from the sctp-core"
                    + " directory");
        }
        Path program = Files.createDirectories(Path.of("target", "c")).resolve(name);
        if (Files.isExecutable(program)
                && Files.getLastModifiedTime(program).compareTo(Files.getLastModifiedTime(source)) > 0) {
            return program.toAbsolutePath().toString();
        }
        Process cc = new ProcessBuilder("cc", "-O2", "-Wall", "-Wextra", "-Werror", "-o", program.toString(),
                source.toString()).redirectErrorStream(true).start();
        String out = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!cc.waitFor(2, TimeUnit.MINUTES) || cc.exitValue() != 0) {
            cc.destroyForcibly();
            throw new IOException("cc " + source + " failed (install gcc and linux-libc-dev):\n" + out);
        }
        return program.toAbsolutePath().toString();
    }
}
