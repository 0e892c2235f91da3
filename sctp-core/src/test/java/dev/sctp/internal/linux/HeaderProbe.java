package dev.sctp.internal.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The values of the C headers, as {@code src/test/c/layouts.c} prints them when compiled with {@code cc} on the
 * machine that runs the tests: one {@code name value} per line. Compiled and run once per test JVM. It fails, never
 * skips, when no C compiler is present.
 */
final class HeaderProbe {

    private static final Path SOURCE = Path.of("src", "test", "c", "layouts.c");
    private static Map<String, Long> values;

    private HeaderProbe() {
    }

    /** Returns every printed name with its value, in the order printed. */
    static synchronized Map<String, Long> values() throws IOException, InterruptedException {
        if (values == null) {
            assertThat(SOURCE).as("the layout probe (run the tests from the sctp-core directory)").isRegularFile();
            Path dir = Files.createDirectories(Path.of("target", "layout-probe"));
            Path program = dir.resolve("layouts");
            run("compiling " + SOURCE, "cc", "-Wall", "-Werror", "-o", program.toString(), SOURCE.toString());
            String output = run("running " + program, program.toAbsolutePath().toString());
            Map<String, Long> map = new LinkedHashMap<>();
            for (String line : output.split("\n")) {
                String[] parts = line.trim().split(" ");
                if (parts.length == 2) {
                    map.put(parts[0], Long.parseLong(parts[1]));
                }
            }
            values = Collections.unmodifiableMap(map);
        }
        return values;
    }

    /**
     * Returns one {@code ("Class.FIELD", value)} argument per static final int field of each class, private ones
     * included: the probe prints a line of that name for each, so every constant is checked, including ones added
     * later.
     */
    static List<Arguments> intFieldsOf(Class<?>... classes) {
        List<Arguments> arguments = new ArrayList<>();
        for (Class<?> type : classes) {
            for (Field field : type.getDeclaredFields()) {
                int m = field.getModifiers();
                if (Modifier.isStatic(m) && Modifier.isFinal(m) && field.getType() == int.class) {
                    try {
                        field.setAccessible(true);
                        arguments.add(Arguments.of(type.getSimpleName() + "." + field.getName(), field.getInt(null)));
                    } catch (IllegalAccessException e) {
                        throw new AssertionError(e);
                    }
                }
            }
        }
        return arguments;
    }

    private static String run(String what, String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError(what + " failed: cannot start '" + command[0] + "' (" + e.getMessage()
                    + "). The layout tests need a C compiler and the kernel headers: install gcc (or"
                    + " build-essential) and linux-libc-dev", e);
        }
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail(what + " timed out");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            fail(what + " exited with " + process.exitValue() + ":\n" + text);
        }
        return text;
    }
}
