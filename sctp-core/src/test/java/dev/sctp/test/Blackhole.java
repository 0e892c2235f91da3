package dev.sctp.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A loopback address whose packets the kernel drops, so an INIT sent to it goes unanswered: the way to test connect
 * timeouts without any traffic leaving the machine. It needs root, which the test VM has.
 */
public final class Blackhole {

    /** The black-holed address; 127.0.0.9 is loopback, so nothing can leave the host even without the route. */
    public static final String IPV4 = "127.0.0.9";

    private static boolean installed;

    private Blackhole() {
    }

    /** Installs (once) a black-hole route for {@link #IPV4} in the local routing table and returns the address. */
    public static synchronized String ipv4() throws IOException, InterruptedException {
        if (!installed) {
            // The local table holds 127.0.0.0/8; a more specific black-hole entry there wins for this one address.
            run("ip", "route", "replace", "blackhole", IPV4 + "/32", "table", "local");
            installed = true;
        }
        return IPV4;
    }

    /**
     * Black-holes {@code ipv4} (a loopback address other than {@link #IPV4}) until the returned handle is closed: an
     * association with a peer bound there stops hearing from this side, as if the peer's host had gone away.
     */
    public static synchronized AutoCloseable drop(String ipv4) throws IOException, InterruptedException {
        run("ip", "route", "replace", "blackhole", ipv4 + "/32", "table", "local");
        return () -> run("ip", "route", "del", "blackhole", ipv4 + "/32", "table", "local");
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + out.trim()
                    + "; the connect-timeout tests need root to add a black-hole route (scripts/test runs them in"
                    + " a VM as root)");
        }
    }
}
