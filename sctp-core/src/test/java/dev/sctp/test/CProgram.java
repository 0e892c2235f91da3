package dev.sctp.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A test peer written in C under {@code src/test/c}, compiled with {@code cc} into {@code target/c}. */
public final class CProgram {

    private CProgram() {
    }

    /**
     * Compiles sctp-core's {@code src/test/c/<name>.c} and returns the executable; fails with the compiler's output,
     * or when run from elsewhere than a module directory of this project.
     */
    public static Path compile(String name) throws IOException, InterruptedException {
        Path source = Path.of("src", "test", "c", name + ".c");
        if (!Files.isRegularFile(source)) {
            // another module (the Spring tests) reuses sctp-core's peers from the sibling directory
            source = Path.of("..", "sctp-core", "src", "test", "c", name + ".c");
        }
        assertThat(source).as("the C peer (run the tests from a module directory)").isRegularFile();
        Path program = Files.createDirectories(Path.of("target", "c")).resolve(name);
        Process cc = new ProcessBuilder("cc", "-O2", "-Wall", "-Werror", "-o", program.toString(), source.toString())
                .redirectErrorStream(true).start();
        String out = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cc.waitFor(2, TimeUnit.MINUTES)).as("cc finished").isTrue();
        assertThat(cc.exitValue()).as("cc " + source + ":\n" + out).isZero();
        return program.toAbsolutePath();
    }
}
