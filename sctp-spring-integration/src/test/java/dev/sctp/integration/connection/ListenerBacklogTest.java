package dev.sctp.integration.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sctp.integration.Harness;
import dev.sctp.test.CProgram;
import dev.sctp.test.ExternalPeer;
import dev.sctp.test.RequiresSctp;
import dev.sctp.test.SctpCounters;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The listener's default backlog (0: net.core.somaxconn) as the kernel applies it: a C client in another process
 * ({@code sctp-core/src/test/c/connectburst.c}) opens associations one after another and then many at once while the
 * factory's accept loop takes them. Linux refuses an INIT (ECONNREFUSED at the client) only when the accept queue is
 * full, so with the system's backlog none may be refused, and the factory must hold every association.
 */
@RequiresSctp
class ListenerBacklogTest {

    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(40);

    private final Harness harness = new Harness();

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void theDefaultBacklogTakesSequentialAndConcurrentConnectsWithoutRefusingAny() throws Exception {
        int sequential = 60;
        int concurrent = 60;
        int total = sequential + concurrent;
        // Compiled before the listener starts, so the accept loop is not left waiting on cc in a busy test VM.
        Path program = CProgram.compile("connectburst");
        SctpServerAssociationFactory server = Harness.started(harness.server(f -> { }));
        assertThat(server.getBacklog()).as("the default backlog setting").isZero();
        SctpCounters before = SctpCounters.read();
        try (ExternalPeer client = ExternalPeer.start(program.toString(), "127.0.0.1",
                String.valueOf(server.getPort()), String.valueOf(sequential), String.valueOf(concurrent))) {
            String out = client.awaitOutput(o -> o.contains("concurrent established=") && o.endsWith("\n")
                    || o.contains("error"), CLIENT_TIMEOUT);
            assertThat(out).as("client output").contains("sequential established=" + sequential + " refused=0")
                    .contains("concurrent established=" + concurrent + " refused=0");
            await().atMost(CLIENT_TIMEOUT).untilAsserted(() -> assertThat(server.getOpenAssociationCount())
                    .as("associations the factory accepted and holds").isEqualTo(total));
            assertThat(SctpCounters.read().since(before, "SctpPassiveEstabs"))
                    .as("associations the listener's side established (SctpPassiveEstabs)").isEqualTo(total);
        }
    }
}
