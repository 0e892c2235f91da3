package dev.sctp.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command of the test VM's host set-up ({@code ip}, {@code tc}) and fails with its output if it fails: the
 * fault lab and the raw peer's host build their namespaces and links with it.
 */
public final class HostCommand {

    private HostCommand() {
    }

    /**
     * Runs {@code command}, waiting at most 20 s, and returns its output (stdout and stderr).
     *
     * @param needs what the command needs, told in the error if it fails (e.g. root and iproute2)
     * @param command the program and its arguments
     * @throws IOException if it cannot start, does not finish in time or exits with a status other than 0
     */
    public static String run(String needs, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + out.trim()
                    + "; " + needs);
        }
        return out;
    }
}
