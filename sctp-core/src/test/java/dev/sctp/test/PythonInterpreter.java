package dev.sctp.test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The python3 interpreter that {@code python3} on PATH stands for, resolved once per JVM, so that test peers start
 * the interpreter itself.
 *
 * <p>Why: on a machine with a version manager (pyenv), {@code python3} on PATH is a bash shim that runs several
 * scripts and subprocesses before it execs the interpreter. In the emulated test VM that took tens of seconds, and
 * three peers started at once were still inside the shim when a test's 45 s wait for their output ran out
 * (ListenerProtectionTest). The interpreter's own {@code sys.executable} names the real binary.
 */
public final class PythonInterpreter {

    /** The one slow start through PATH is bounded generously: the VM is emulated and shared. */
    private static final long RESOLVE_TIMEOUT_SECONDS = 180;

    private static volatile String path;

    private PythonInterpreter() {
    }

    /**
     * Returns the absolute path of the interpreter that {@code python3} on PATH runs.
     *
     * @throws IllegalStateException naming what python3 printed if it cannot be asked or names no executable file
     */
    public static String path() {
        String p = path;
        if (p == null) {
            synchronized (PythonInterpreter.class) {
                p = path;
                if (p == null) {
                    p = resolve();
                    path = p;
                }
            }
        }
        return p;
    }

    private static String resolve() {
        String printed;
        try {
            Process process = new ProcessBuilder("python3", "-S", "-E", "-c", "import sys; print(sys.executable)")
                    .redirectErrorStream(true).start();
            try (InputStream in = process.getInputStream()) {
                if (!process.waitFor(RESOLVE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("python3 -c 'print(sys.executable)' did not finish within "
                            + RESOLVE_TIMEOUT_SECONDS + " s");
                }
                printed = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run python3 to find its interpreter: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking python3 for its interpreter", e);
        }
        Path interpreter = Path.of(printed);
        if (printed.isEmpty() || !interpreter.isAbsolute() || !Files.isExecutable(interpreter)) {
            throw new IllegalStateException("python3 named its interpreter as '" + printed
                    + "', which is not an executable absolute path; install python3 (apt-get install -y python3)");
        }
        return printed;
    }
}
