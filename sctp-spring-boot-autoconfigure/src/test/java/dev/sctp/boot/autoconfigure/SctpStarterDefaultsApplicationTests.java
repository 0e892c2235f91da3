package dev.sctp.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.ReceiveInfo;
import dev.sctp.SctpAddress;
import dev.sctp.SctpSocket;
import dev.sctp.SendInfo;
import dev.sctp.boot.autoconfigure.app.Apps;
import dev.sctp.boot.autoconfigure.app.DefaultReplyServer;
import dev.sctp.boot.autoconfigure.gatewayapp.RequestReplyClient;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import dev.sctp.integration.test.SctpTestUtils;
import dev.sctp.test.RequiresSctp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real application whose handlers name no output channel and whose listener has an error channel, answering a
 * peer that uses sctp-core directly; and a second application whose client in request-reply mode asks it through a
 * {@code @MessagingGateway}.
 */
@RequiresSctp
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SctpStarterDefaultsApplicationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private ConfigurableApplicationContext server;
    private SctpServerAssociationFactory listener;

    @BeforeAll
    void startServer() {
        server = Apps.run(DefaultReplyServer.class, "sctp.listen.addresses=127.0.0.1:0",
                "sctp.listen.payload-type=string", "sctp.listen.error-channel=sctpErrors",
                "sctp.listen.streams.outbound=8", "sctp.listen.streams.inbound=8");
        listener = server.getBean("sctpListener-default", SctpServerAssociationFactory.class);
        SctpTestUtils.waitListening(listener, TIMEOUT);
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aServiceActivatorWithoutOutputChannelAnswersOnTheRequestsStream() throws IOException {
        try (SctpSocket peer = dial()) {
            peer.send("hello".getBytes(StandardCharsets.UTF_8), SendInfo.of(3, 0));
            ReceiveInfo info = new ReceiveInfo();
            assertThat(receive(peer, info)).isEqualTo("HELLO");
            assertThat(info.streamId()).isEqualTo(3);
        }
    }

    @Test
    void theErrorChannelsAnswerToAFailedRequestGoesBackToThePeer() throws IOException {
        try (SctpSocket peer = dial()) {
            peer.send("fail me".getBytes(StandardCharsets.UTF_8), SendInfo.of(5, 0));
            ReceiveInfo info = new ReceiveInfo();
            assertThat(receive(peer, info)).isEqualTo("ERROR fail me");
            assertThat(info.streamId()).isEqualTo(5);
            // The association survives the failure: the next request is answered normally.
            peer.send("next".getBytes(StandardCharsets.UTF_8), SendInfo.of(5, 0));
            assertThat(receive(peer, info)).isEqualTo("NEXT");
        }
    }

    @Test
    void aClientInRequestReplyModeReturnsTheAnswerFromAMessagingGateway() {
        try (ConfigurableApplicationContext client = Apps.run(RequestReplyClient.class,
                "sctp.clients.hss.addresses=127.0.0.1", "sctp.clients.hss.port=" + listener.getPort(),
                "sctp.clients.hss.mode=request-reply", "sctp.clients.hss.payload-type=string",
                "sctp.clients.hss.streams.outbound=8", "sctp.clients.hss.streams.inbound=8")) {
            RequestReplyClient.Hss hss = client.getBean(RequestReplyClient.Hss.class);
            assertThat(hss.ask("who are you")).isEqualTo("WHO ARE YOU");
            assertThat(hss.ask("and again")).isEqualTo("AND AGAIN");
        }
    }

    private SctpSocket dial() throws IOException {
        SctpSocket socket = SctpSocket.dial(SctpAddress.parse("127.0.0.1:" + listener.getPort()), TIMEOUT);
        socket.setReadTimeout(TIMEOUT);
        return socket;
    }

    private static String receive(SctpSocket peer, ReceiveInfo info) throws IOException {
        byte[] buffer = new byte[1024];
        int n = peer.receive(buffer, 0, buffer.length, info);
        return new String(buffer, 0, n, StandardCharsets.UTF_8);
    }
}
