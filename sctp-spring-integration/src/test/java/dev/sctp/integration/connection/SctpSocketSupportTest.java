package dev.sctp.integration.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sctp.PeerAddressParameters;
import dev.sctp.SctpOptions;
import dev.sctp.SctpServerSocket;
import dev.sctp.SctpSocket;
import dev.sctp.integration.Harness;
import dev.sctp.integration.event.SctpAssociationFailedEvent;
import dev.sctp.test.RequiresSctp;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Socket post-processing: read-modify-write of options on listeners, client and accepted sockets, and failures. */
@RequiresSctp
class SctpSocketSupportTest {

    private final Harness harness = new Harness();

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void changesOnePathParameterAndKeepsTheKernelsOthers() throws Exception {
        PeerAddressParameters kernelDefaults;
        try (SctpSocket fresh = SctpSocket.open()) {
            kernelDefaults = fresh.getPeerAddressParameters(null);
        }
        Duration heartbeat = kernelDefaults.heartbeatInterval();
        AtomicInteger accepted = new AtomicInteger();
        SctpServerAssociationFactory server = Harness.started(harness.server(f -> f.setSocketSupport(
                new SctpSocketSupport() {
                    @Override
                    public void postProcessServerSocket(SctpServerSocket listener) throws IOException {
                        listener.setOption(SctpOptions.PEER_ADDR_PARAMS,
                                listener.getOption(SctpOptions.PEER_ADDR_PARAMS).withPathMaxRetransmissions(3));
                    }

                    @Override
                    public void postProcessSocket(SctpSocket socket) {
                        accepted.incrementAndGet();
                    }
                })));
        SctpClientAssociationFactory client = Harness.started(harness.client(f -> f.setSocketSupport(
                new SctpSocketSupport() {
                    @Override
                    public void postProcessSocket(SctpSocket socket) throws IOException {
                        socket.setPeerAddressParameters(socket.getPeerAddressParameters(null)
                                .withPathMaxRetransmissions(4));
                    }
                }), Harness.addressOf(server)));

        PeerAddressParameters clientSide = client.getAssociation().getOption(SctpOptions.PEER_ADDR_PARAMS);
        assertThat(clientSide.pathMaxRetransmissions()).isEqualTo(4);
        assertThat(clientSide.heartbeatInterval()).isEqualTo(heartbeat);
        await().atMost(Harness.TIMEOUT).until(() -> server.getAssociations().size() == 1);
        PeerAddressParameters serverSide = server.getAssociations().get(0)
                .getOption(SctpOptions.PEER_ADDR_PARAMS);
        assertThat(serverSide.pathMaxRetransmissions()).isEqualTo(3);
        assertThat(serverSide.heartbeatInterval()).isEqualTo(heartbeat);
        assertThat(accepted).hasValue(1);
    }

    @Test
    void aFailingPostProcessorFailsTheConnectAndAbortsTheAcceptedAssociation() throws Exception {
        SctpServerAssociationFactory server = Harness.started(harness.server(f -> f.setSocketSupport(
                new SctpSocketSupport() {
                    @Override
                    public void postProcessSocket(SctpSocket socket) throws IOException {
                        throw new IOException("refused by the test's socket support");
                    }
                })));
        SctpClientAssociationFactory plain = Harness.started(harness.client(f -> {
            f.setReconnect(false);
            f.setConnectOnStart(false);
        }, Harness.addressOf(server)));
        try {
            SctpAssociation association = plain.getAssociation();
            assertThat(association.closeFuture().get(Harness.TIMEOUT.toSeconds(),
                    java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(CloseReason.LOST);
        } catch (IOException e) {
            // the server's ABORT can also arrive before the client saw COMM_UP: then the connect itself fails
            assertThat(e).isInstanceOf(SctpAssociationException.class);
        }
        await().atMost(Harness.TIMEOUT).until(() -> harness.events(SctpAssociationFailedEvent.class).stream()
                .anyMatch(e -> String.valueOf(e.getCause()).contains("refused by the test's socket support")));
        assertThat(server.getOpenAssociationIds()).isEmpty();

        SctpClientAssociationFactory failing = Harness.started(harness.client(f -> {
            f.setConnectOnStart(false);
            f.setSocketSupport(new SctpSocketSupport() {
                @Override
                public void postProcessSocket(SctpSocket socket) throws IOException {
                    throw new IOException("client socket refused");
                }
            });
        }, Harness.addressOf(server)));
        assertThatThrownBy(failing::getAssociation).hasStackTraceContaining("client socket refused");
    }
}
