package dev.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.test.CProgram;
import dev.sctp.test.ExternalPeer;
import dev.sctp.test.RequiresSctp;
import dev.sctp.test.SctpCounters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The listener's accept queue, filled by {@code src/test/c/connectburst.c}, a C client in another process that opens
 * associations one after another and then many at once and counts the connects the listener refused. Linux answers
 * an INIT with ABORT (ECONNREFUSED at the client) when the listener's queue is full (net/sctp/sm_statefuns.c,
 * sctp_sf_do_5_1B_init: {@code sk_acceptq_is_full}, which is {@code sk_ack_backlog > sk_max_ack_backlog}), so these
 * tests see the backlog the kernel really holds, whatever value the library meant to pass to listen(2).
 */
@RequiresSctp
class AcceptBacklogTest {

    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(40);

    private final Path client = compileClient();

    @Test
    void withTheDefaultBacklogEveryConnectIsQueuedBeforeAnyAccept() throws Exception {
        int total = 60 + 60;
        assertThat(somaxconn()).as("net.core.somaxconn, the default backlog, must hold this test's %d connects", total)
                .isGreaterThanOrEqualTo(total);
        // Nothing accepted until the client is done: the kernel's queue alone must hold every association.
        connectAndAcceptWithoutRefusals(60, 60, Accepting.AFTER_THE_CONNECTS);
    }

    @Test
    void anAcceptLoopTakesSequentialAndConcurrentConnectsWithoutRefusingAny() throws Exception {
        connectAndAcceptWithoutRefusals(100, 100, Accepting.WHILE_CONNECTING);
    }

    @Test
    void anExplicitBacklogHoldsOneMoreThanItsValueAndAcceptingMakesRoomAgain() throws Exception {
        int backlog = 3;
        try (SctpServerSocket server = SctpServerSocket.open(SctpNetwork.SCTP, SctpAddress.parse("127.0.0.1:0"))) {
            server.bind(SctpAddress.parse("127.0.0.1:0"), backlog);
            List<SctpSocket> accepted = new ArrayList<>();
            try (ExternalPeer first = burst(server, 10, 0)) {
                // sk_acceptq_is_full is "more than the backlog", so the queue holds backlog + 1 associations.
                assertThat(awaitBoth(first)).as("client output")
                        .contains("sequential established=" + (backlog + 1) + " refused=" + (10 - backlog - 1));
                accepted.addAll(acceptAll(server, backlog + 1));
                try (ExternalPeer second = burst(server, backlog + 1, 0)) {
                    assertThat(awaitBoth(second)).as("client output after the queue was emptied by accept")
                            .contains("sequential established=" + (backlog + 1) + " refused=0");
                    accepted.addAll(acceptAll(server, backlog + 1));
                }
            } finally {
                closeAll(accepted);
            }
        }
    }

    /** When the listener accepts relative to the client's connects. */
    private enum Accepting {
        AFTER_THE_CONNECTS, WHILE_CONNECTING
    }

    /**
     * Runs the client's {@code sequential} then {@code concurrent} connects against a listener with the default
     * backlog, accepting as {@code accepting} says, and checks that none was refused and every one was accepted.
     */
    private void connectAndAcceptWithoutRefusals(int sequential, int concurrent, Accepting accepting)
            throws Exception {
        int total = sequential + concurrent;
        try (SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse("127.0.0.1:0"))) {
            SctpCounters before = SctpCounters.read();
            CompletableFuture<List<SctpSocket>> acceptor = accepting == Accepting.WHILE_CONNECTING
                    ? CompletableFuture.supplyAsync(() -> {
                        try {
                            return acceptAll(server, total);
                        } catch (IOException e) {
                            throw new IllegalStateException("accept failed", e);
                        }
                    })
                    : null;
            try (ExternalPeer peer = burst(server, sequential, concurrent)) {
                assertThat(awaitBoth(peer)).as("client output")
                        .contains("sequential established=" + sequential + " refused=0")
                        .contains("concurrent established=" + concurrent + " refused=0");
                List<SctpSocket> accepted = acceptor == null ? acceptAll(server, total)
                        : acceptor.get(2 * CLIENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                try {
                    assertThat(accepted).hasSize(total);
                    assertThat(SctpCounters.read().since(before, "SctpPassiveEstabs"))
                            .as("associations the listener's side established (SctpPassiveEstabs)").isEqualTo(total);
                } finally {
                    closeAll(accepted);
                }
            } finally {
                if (acceptor != null) {
                    acceptor.cancel(true);
                }
            }
        }
    }

    private static Path compileClient() {
        try {
            // Compiled before any listener waits: cc in a busy emulated VM can take longer than an accept timeout.
            return CProgram.compile("connectburst");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private ExternalPeer burst(SctpServerSocket server, int sequential, int concurrent) throws Exception {
        return ExternalPeer.start(client.toString(), "127.0.0.1", String.valueOf(server.localAddress().port()),
                String.valueOf(sequential), String.valueOf(concurrent));
    }

    /** Waits for the client's report of both phases; the client keeps its associations open until closed. */
    private static String awaitBoth(ExternalPeer client) throws InterruptedException {
        return client.awaitOutput(out -> out.contains("concurrent established=") && out.endsWith("\n")
                || out.contains("error"), CLIENT_TIMEOUT);
    }

    /** Accepts {@code count} associations; each may take up to the client's whole run to arrive. */
    private static List<SctpSocket> acceptAll(SctpServerSocket server, int count) throws IOException {
        List<SctpSocket> accepted = new ArrayList<>();
        try {
            while (accepted.size() < count) {
                accepted.add(server.accept(CLIENT_TIMEOUT));
            }
            return accepted;
        } catch (IOException | RuntimeException e) {
            closeAll(accepted);
            throw e;
        }
    }

    private static void closeAll(List<SctpSocket> sockets) {
        sockets.forEach(SctpSocket::close);
    }

    // Read line-wise, not with Files.readString: see SctpServerSocket's backlog for why that misreads sysctl files.
    private static int somaxconn() throws IOException {
        return Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/core/somaxconn")).get(0).trim());
    }
}
