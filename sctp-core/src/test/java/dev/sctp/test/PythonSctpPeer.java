package dev.sctp.test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A kernel SCTP peer in its own python3 process (src/test/resources/peers/reconfig_auth_peer.py): it listens on
 * 127.0.0.1, accepts one association, prints every notification and message it receives, and runs commands such as
 * {@code reset-out 1,2}, {@code add-streams 0 3}, {@code send 1 text} or {@code active 2} with raw setsockopt calls.
 */
public final class PythonSctpPeer implements AutoCloseable {

    /** Generous: starting python3 alone takes tens of seconds in a busy emulated test VM. */
    public static final Duration TIMEOUT = Duration.ofMinutes(3);

    private final ExternalPeer process;
    private final int port;

    private PythonSctpPeer(ExternalPeer process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts the peer with the script's arguments, such as {@code reconf=1}, {@code enable=7}, {@code auth=1},
     * {@code authchunk=0}, {@code key=1:00ff..} or {@code active=1}, and waits until it listens; with
     * {@code connect=PORT} it dials 127.0.0.1:PORT instead, and start waits until that association is up.
     */
    public static PythonSctpPeer start(String... arguments) throws IOException, InterruptedException {
        String script;
        try (InputStream in = PythonSctpPeer.class.getResourceAsStream("/peers/reconfig_auth_peer.py")) {
            if (in == null) {
                throw new IllegalStateException("peers/reconfig_auth_peer.py is missing from the test resources");
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> command = new ArrayList<>(List.of("python3", "-c", script));
        command.addAll(List.of(arguments));
        ExternalPeer process = ExternalPeer.start(command);
        try {
            Matcher port = Pattern.compile("port (\\d+)\n").matcher(
                    process.awaitOutput(out -> out.matches("(?s).*port \\d+\n.*"), TIMEOUT));
            if (!port.find()) {
                throw new AssertionError("no port in " + process.output());
            }
            return new PythonSctpPeer(process, Integer.parseInt(port.group(1)));
        } catch (RuntimeException | Error | InterruptedException e) {
            process.close();
            throw e;
        }
    }

    /** Returns the port it listens on, at 127.0.0.1 (with {@code connect=PORT}: its own port). */
    public int port() {
        return port;
    }

    /**
     * Runs {@code command} and waits for its answer, {@code ok NAME} or {@code error NAME ERRNO}; returns that line.
     */
    public String command(String command) throws IOException, InterruptedException {
        String name = command.split(" ")[0];
        int before = count(process.output(), name);
        process.write(command + "\n");
        String out = process.awaitOutput(o -> count(o, name) > before, TIMEOUT);
        Matcher m = Pattern.compile("(ok|error) " + Pattern.quote(name) + "[^\n]*").matcher(out);
        String last = null;
        while (m.find()) {
            last = m.group();
        }
        return last;
    }

    /** Waits until the peer printed a line containing {@code text}, and returns the whole output so far. */
    public String await(String text) throws InterruptedException {
        return process.awaitOutput(o -> o.contains(text), TIMEOUT);
    }

    /** Returns everything printed so far. */
    public String output() {
        return process.output();
    }

    private static int count(String output, String name) {
        Matcher m = Pattern.compile("(?m)^(ok|error) " + Pattern.quote(name) + "\\b").matcher(output);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Override
    public void close() {
        process.close();
    }
}
