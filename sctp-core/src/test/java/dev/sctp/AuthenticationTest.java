package dev.sctp;

import static dev.sctp.notification.NotificationType.ASSOC_CHANGE;
import static dev.sctp.notification.NotificationType.AUTHENTICATION_EVENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sctp.internal.linux.Errno;
import dev.sctp.notification.AssociationChange;
import dev.sctp.notification.Authentication;
import dev.sctp.test.AssociationPair;
import dev.sctp.test.Inbox;
import dev.sctp.test.PythonSctpPeer;
import dev.sctp.test.RequiresSctp;
import dev.sctp.test.OptionBuffers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * SCTP-AUTH (RFC 4895) on a real kernel: negotiation, shared keys and the authentication notifications, decoded from
 * the kernel's bytes, with a peer in another process where the keys must match across processes.
 */
@RequiresSctp
class AuthenticationTest {

    private static final Duration TIMEOUT = AssociationPair.TIMEOUT;
    private static final byte[] KEY_1 = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
    private static final byte[] KEY_2 = HexFormat.of().parseHex("0f1e2d3c4b5a69788796a5b4c3d2e1f0");
    /** The chunk type of DATA (RFC 9260 section 3.2). */
    private static final int DATA = 0;

    @Test
    void aPeerWithoutAuthGivesNoAuthWhenTheAssociationComesUp() throws Exception {
        try (PythonSctpPeer peer = PythonSctpPeer.start("auth=0");
                SctpSocket socket = authClient()) {
            socket.subscribe(ASSOC_CHANGE, AUTHENTICATION_EVENT);
            socket.connect(SctpAddress.parse("127.0.0.1:" + peer.port()), TIMEOUT);
            Inbox inbox = new Inbox(socket, TIMEOUT);
            assertThat(inbox.next(AssociationChange.class).state()).isEqualTo(AssociationChange.State.COMM_UP);
            Authentication noAuth = inbox.next(Authentication.class);
            assertThat(noAuth).isEqualTo(new Authentication(0, 0, 0, Authentication.Indication.NO_AUTH,
                    socket.associationId()));
            assertThat(inbox.seen()).hasSize(2);
            assertThat(socket.getOption(SctpOptions.AUTH_SUPPORTED)).isFalse();

            assertThatThrownBy(() -> socket.setAuthKey(1, KEY_1))
                    .isInstanceOfSatisfying(SctpException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EACCES))
                    .hasMessageContaining("AUTH_SUPPORTED").hasMessageContaining("peer");
        }
    }

    @Test
    void anAssociationWithAuthAtBothEndsGivesNoNoAuth() throws Exception {
        try (SctpServerSocket server = authServer(); SctpSocket client = authClient()) {
            client.subscribe(ASSOC_CHANGE, AUTHENTICATION_EVENT);
            client.connect(server.localAddress(), TIMEOUT);
            try (SctpSocket accepted = server.accept(TIMEOUT)) {
                accepted.send(bytes("hi"), SendInfo.of(0, 0));
                Inbox inbox = new Inbox(client, TIMEOUT);
                assertThat(inbox.nextMessage().text()).isEqualTo("hi");
                assertThat(inbox.seen()).hasSize(2).first().isInstanceOf(AssociationChange.class);
                assertThat(client.getOption(SctpOptions.AUTH_SUPPORTED)).isTrue();
                assertThat(accepted.getOption(SctpOptions.AUTH_SUPPORTED)).isTrue();
            }
        }
    }

    @Test
    void deactivatingTheOldKeyAfterActivatingANewOneGivesFreeKeyAndLetsItBeDeleted() throws Exception {
        try (SctpServerSocket server = authServer(); SctpSocket client = authClient()) {
            client.subscribe(AUTHENTICATION_EVENT);
            client.connect(server.localAddress(), TIMEOUT);
            try (SctpSocket accepted = server.accept(TIMEOUT)) {
                assertThat(client.getOption(SctpOptions.AUTH_ACTIVE_KEY)).isZero();
                client.setAuthKey(1, KEY_1);
                client.setOption(SctpOptions.AUTH_ACTIVE_KEY, 1);
                assertThat(client.getOption(SctpOptions.AUTH_ACTIVE_KEY)).isEqualTo(1);
                assertThatThrownBy(() -> client.deactivateAuthKey(1))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("active key");

                client.deactivateAuthKey(0);
                Authentication free = new Inbox(client, TIMEOUT).next(Authentication.class);
                assertThat(free).isEqualTo(new Authentication(0, 0, 0, Authentication.Indication.FREE_KEY,
                        client.associationId()));

                client.deleteAuthKey(0);
                assertThatThrownBy(() -> client.setOption(SctpOptions.AUTH_ACTIVE_KEY, 0))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key 0");
                assertThatThrownBy(() -> client.deleteAuthKey(1))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("active key");
            }
        }
    }

    @Test
    void dataThatMustBeAuthenticatedFlowsWithTheSameKeysAtAPeerInAnotherProcessAndItsNewKeyIsAnnounced()
            throws Exception {
        String hex1 = HexFormat.of().formatHex(KEY_1);
        String hex2 = HexFormat.of().formatHex(KEY_2);
        try (PythonSctpPeer peer = PythonSctpPeer.start("auth=1", "authchunk=0", "key=1:" + hex1,
                "key=2:" + hex2, "active=1");
                SctpSocket socket = authClient()) {
            socket.setOption(SctpOptions.AUTH_CHUNK, DATA);
            socket.setAuthKey(1, KEY_1);
            socket.setAuthKey(2, KEY_2);
            socket.setOption(SctpOptions.AUTH_ACTIVE_KEY, 1);
            socket.subscribe(AUTHENTICATION_EVENT);
            socket.connect(SctpAddress.parse("127.0.0.1:" + peer.port()), TIMEOUT);
            Inbox inbox = new Inbox(socket, TIMEOUT);

            socket.send(bytes("hello"), SendInfo.of(0, 0));
            peer.await("text=hello");
            peer.command("send 0 back");
            assertThat(inbox.nextMessage().text()).isEqualTo("back");
            assertThat(inbox.seen()).hasSize(1);

            // The peer switches to key 2: the first chunk authenticated with it announces the new key here.
            assertThat(peer.command("active 2")).isEqualTo("ok active");
            peer.command("send 0 again");
            Authentication newKey = inbox.next(Authentication.class);
            assertThat(newKey).isEqualTo(new Authentication(0, 2, 0, Authentication.Indication.NEW_KEY,
                    socket.associationId()));
            assertThat(inbox.nextMessage().text()).isEqualTo("again");
        }
    }

    @Test
    void dataAuthenticatedWithADifferentKeyIsDroppedInBothDirections() throws Exception {
        try (PythonSctpPeer peer = PythonSctpPeer.start("auth=1", "authchunk=0",
                "key=1:" + HexFormat.of().formatHex(KEY_2), "active=1");
                SctpSocket socket = authClient()) {
            socket.setOption(SctpOptions.AUTH_CHUNK, DATA);
            socket.setAuthKey(1, KEY_1);
            socket.setOption(SctpOptions.AUTH_ACTIVE_KEY, 1);
            socket.connect(SctpAddress.parse("127.0.0.1:" + peer.port()), TIMEOUT);
            socket.send(bytes("forged"), SendInfo.of(0, 0));
            assertThat(peer.command("send 0 forged-back")).isEqualTo("ok send");
            // Checking that nothing arrives: each end discards DATA whose HMAC does not match its own key 1.
            socket.setReadTimeout(Duration.ofSeconds(3));
            assertThatThrownBy(() -> socket.receive(new byte[100], 0, 100, new ReceiveInfo()))
                    .isInstanceOf(java.net.SocketTimeoutException.class);
            assertThat(peer.output()).doesNotContain("text=forged");
            assertThat(socket.status().unackedData()).as("the DATA chunk stays unacknowledged").isEqualTo(1);
        }
    }

    @Test
    void keysSetOnTheListenerBeforeTheAssociationIsUpAuthenticateTheAcceptedAssociationWithAPeerInAnotherProcess()
            throws Exception {
        try (SctpServerSocket server = keyedServer(KEY_1);
                PythonSctpPeer peer = PythonSctpPeer.start("auth=1", "authchunk=0",
                        "key=1:" + HexFormat.of().formatHex(KEY_1), "active=1", "connect=" + server.localAddress().port());
                SctpSocket accepted = server.accept(TIMEOUT)) {
            assertThat(accepted.getOption(SctpOptions.AUTH_ACTIVE_KEY)).isEqualTo(1);
            accepted.send(bytes("hello"), SendInfo.of(0, 0));
            peer.await("text=hello");
            peer.command("send 0 back");
            assertThat(new Inbox(accepted, TIMEOUT).nextMessage().text()).isEqualTo("back");
        }
    }

    @Test
    void dataAuthenticatedWithAKeyOtherThanTheListenersIsDroppedOnTheAcceptedAssociation() throws Exception {
        try (SctpServerSocket server = keyedServer(KEY_1);
                PythonSctpPeer peer = PythonSctpPeer.start("auth=1", "authchunk=0",
                        "key=1:" + HexFormat.of().formatHex(KEY_2), "active=1", "connect=" + server.localAddress().port());
                SctpSocket accepted = server.accept(TIMEOUT)) {
            accepted.send(bytes("forged"), SendInfo.of(0, 0));
            assertThat(peer.command("send 0 forged-back")).isEqualTo("ok send");
            // Checking that nothing arrives: each end discards DATA whose HMAC does not match its own key 1.
            accepted.setReadTimeout(Duration.ofSeconds(3));
            assertThatThrownBy(() -> accepted.receive(new byte[100], 0, 100, new ReceiveInfo()))
                    .isInstanceOf(java.net.SocketTimeoutException.class);
            assertThat(peer.output()).doesNotContain("text=forged");
            assertThat(accepted.status().unackedData()).as("the DATA chunk stays unacknowledged").isEqualTo(1);
        }
    }

    @Test
    void keysDeactivatedOrDeletedOnTheListenerAreGoneAndItsKeyRulesAndErrorsAreThoseOfASocket() throws Exception {
        try (SctpServerSocket server = SctpServerSocket.open(SctpNetwork.SCTP4, SctpAddress.parse("127.0.0.1:0"))) {
            server.setOption(SctpOptions.AUTH_SUPPORTED, true);
            server.setAuthKey(1, KEY_1);
            server.setAuthKey(2, KEY_2);
            server.setOption(SctpOptions.AUTH_ACTIVE_KEY, 1);
            assertThatThrownBy(() -> server.deleteAuthKey(1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("active key");
            assertThatThrownBy(() -> server.deactivateAuthKey(1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("active key");

            server.deleteAuthKey(2);
            assertThatThrownBy(() -> server.setOption(SctpOptions.AUTH_ACTIVE_KEY, 2))
                    .as("a deleted key cannot be activated").isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("key 2");
            // net/sctp/auth.c refuses to make a deactivated key active again.
            server.deactivateAuthKey(0);
            assertThatThrownBy(() -> server.setOption(SctpOptions.AUTH_ACTIVE_KEY, 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key 0");
            server.deleteAuthKey(0);
            assertThatThrownBy(() -> server.deleteAuthKey(0)).as("key 0 is gone")
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key 0");
            assertThatThrownBy(() -> server.setAuthKey(1, new byte[257]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("257").hasMessageContaining("256");
            assertThatThrownBy(() -> server.setAuthKey(65536, KEY_1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65536");

            server.setOption(SctpOptions.AUTH_SUPPORTED, false);
            assertThatThrownBy(() -> server.setAuthKey(3, bytes("secret-key-bytes")))
                    .isInstanceOfSatisfying(SctpException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EACCES))
                    .hasMessageContaining("AUTH_SUPPORTED").hasMessageNotContaining("secret");
        }
    }

    @Test
    void theListenersOptionBufferHoldsNoKeyBytesAfterSetAuthKey() throws Exception {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) 0x5a);
        try (SctpServerSocket server = SctpServerSocket.open(SctpNetwork.SCTP4, SctpAddress.parse("127.0.0.1:0"))) {
            server.setOption(SctpOptions.AUTH_SUPPORTED, true);
            server.setAuthKey(1, key);
            ByteBuffer options = OptionBuffers.of(server);
            for (int i = 0; i < options.capacity(); i++) {
                assertThat(options.get(i)).as("byte %d of the option buffer after setAuthKey", i).isZero();
            }
        }
    }

    @Test
    void keysAndAuthChunksWithoutAuthFailNamingAuthSupportedAndNeverShowTheKey() throws Exception {
        try (SctpSocket socket = SctpSocket.open()) {
            socket.setOption(SctpOptions.AUTH_SUPPORTED, false);
            assertThatThrownBy(() -> socket.setAuthKey(1, bytes("secret-key-bytes")))
                    .isInstanceOfSatisfying(SctpException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EACCES))
                    .hasMessageContaining("AUTH_SUPPORTED").hasMessageContaining("net.sctp.auth_enable")
                    .hasMessageNotContaining("secret");
            assertThatThrownBy(() -> socket.setOption(SctpOptions.AUTH_CHUNK, DATA))
                    .hasMessageContaining("AUTH_SUPPORTED");
            socket.setOption(SctpOptions.AUTH_SUPPORTED, true);
            socket.setAuthKey(1, bytes("secret-key-bytes"));
            assertThatThrownBy(() -> socket.setAuthKey(1, new byte[257]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("257").hasMessageContaining("256");
            assertThatThrownBy(() -> socket.setOption(SctpOptions.AUTH_CHUNK, 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("INIT (1)");
        }
    }

    private static SctpSocket authClient() throws IOException {
        SctpSocket client = SctpSocket.open(SctpNetwork.SCTP4, SctpAddress.parse("127.0.0.1:0"));
        try {
            client.setOption(SctpOptions.AUTH_SUPPORTED, true);
            return client;
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    private static SctpServerSocket authServer() throws IOException {
        SctpAddress local = SctpAddress.parse("127.0.0.1:0");
        SctpServerSocket server = SctpServerSocket.open(SctpNetwork.SCTP4, local);
        try {
            server.setOption(SctpOptions.AUTH_SUPPORTED, true);
            server.bind(local, 0);
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** A listener requiring authenticated DATA, with {@code key} as its key 1 and the active one, listening. */
    private static SctpServerSocket keyedServer(byte[] key) throws IOException {
        SctpAddress local = SctpAddress.parse("127.0.0.1:0");
        SctpServerSocket server = SctpServerSocket.open(SctpNetwork.SCTP4, local);
        try {
            server.setOption(SctpOptions.AUTH_SUPPORTED, true);
            server.setOption(SctpOptions.AUTH_CHUNK, DATA);
            server.setAuthKey(1, key);
            server.setOption(SctpOptions.AUTH_ACTIVE_KEY, 1);
            server.bind(local, 0);
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
