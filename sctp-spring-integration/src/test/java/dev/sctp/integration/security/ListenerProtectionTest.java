package dev.sctp.integration.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sctp.SctpAddress;
import dev.sctp.integration.Harness;
import dev.sctp.integration.KernelCounters;
import dev.sctp.integration.connection.SctpAssociationObserver;
import dev.sctp.integration.connection.SctpRejection;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import dev.sctp.integration.event.SctpAssociationRejectedEvent;
import dev.sctp.test.ExternalPeer;
import dev.sctp.test.KernelSetting;
import dev.sctp.test.RequiresSctp;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A listener's allow-list and limits, against peers in processes of their own ({@code hostile_peer.py}): refused
 * associations are aborted as they are accepted, before anything they sent reaches the application, and each is
 * reported by an event, the observers (the starter's metric) and a log naming the peer; well-behaved peers keep
 * their echoes flowing meanwhile.
 */
@RequiresSctp
class ListenerProtectionTest {

    private final Harness harness = new Harness();
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final List<SctpRejection> observed = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        harness.close();
    }

    /** A started echo server on {@code address}: every message comes back; the observer records rejections. */
    private SctpServerAssociationFactory echoServer(String address, Consumer<SctpServerAssociationFactory> setup) {
        return EchoListener.start(harness, address, f -> {
            f.addObserver(new SctpAssociationObserver() {
                @Override
                public void associationRejected(@Nullable SctpAddress peer, SctpRejection reason, Throwable cause) {
                    observed.add(reason);
                }
            });
            setup.accept(f);
        }, m -> delivered.add(EchoListener.text(m)));
    }

    private List<SctpAssociationRejectedEvent> rejections() {
        return harness.events(SctpAssociationRejectedEvent.class);
    }

    @Test
    void peersWithAnAddressOutsideTheAllowListAreAbortedBeforeTheirMessagesAreDelivered() throws Exception {
        SctpServerAssociationFactory server = echoServer("127.0.0.1:0",
                f -> f.setAllowedPeers(List.of("127.0.0.2/32", "10.0.0.0/8")));
        long abortsBefore = KernelCounters.read("SctpAborteds");
        int port = server.getPort();
        try (ExternalPeer good = PeerScript.start("send", port, "127.0.0.1", "127.0.0.2", "hello-from-allowed");
                ExternalPeer outsider = PeerScript.start("send", port, "127.0.0.1", "127.0.0.3", "from-outsider");
                // multi-homed: its first address is allowed, its second is not; the kernel could send to either
                ExternalPeer halfAllowed = PeerScript.start("send", port, "127.0.0.1", "127.0.0.2,127.0.0.3",
                        "from-half-allowed")) {
            PeerScript.awaitLine(good, "echo hello-from-allowed");
            // the listener aborts at once: before or after the peer's connect() returned (Linux fails a connect
            // whose association died first with ECONNREFUSED); the rejections below show which listener did it
            abortedByTheListener(outsider);
            abortedByTheListener(halfAllowed);
        }
        await().atMost(Harness.TIMEOUT).until(() -> rejections().size() == 2);
        assertThat(delivered).containsExactly("hello-from-allowed");
        assertThat(observed).containsExactly(SctpRejection.PEER_NOT_ALLOWED, SctpRejection.PEER_NOT_ALLOWED);
        for (SctpAssociationRejectedEvent event : rejections()) {
            assertThat(event.getReason()).isEqualTo(SctpRejection.PEER_NOT_ALLOWED);
            assertThat(event.getPeer()).isNotNull();
            assertThat(event.getPeer().addresses()).contains(InetAddress.getByName("127.0.0.3"));
            assertThat(event.getCause()).hasMessageContaining("127.0.0.3 is not in the allowed peers")
                    .hasMessageContaining("allowed-peers");
        }
        // the listener sent the ABORTs: the kernel counts them
        assertThat(KernelCounters.read("SctpAborteds") - abortsBefore).isGreaterThanOrEqualTo(2);
        assertThat(server.getOpenAssociationCount()).isZero();
    }

    @Test
    void anIpv6AllowListAdmitsOnlyItsRange() throws Exception {
        SctpServerAssociationFactory admits = echoServer("[::1]:0", f -> f.setAllowedPeers(List.of("::1/128")));
        // an echo server too, so that a message from the outsider delivered before the abort would show
        SctpServerAssociationFactory refuses = echoServer("[::1]:0", f -> f.setAllowedPeers(List.of("fd00::/8")));
        try (ExternalPeer good = PeerScript.start("send", admits.getPort(), "::1", "::1", "hello-v6");
                ExternalPeer outsider = PeerScript.start("send", refuses.getPort(), "::1", "::1", "from-v6-outsider")) {
            PeerScript.awaitLine(good, "echo hello-v6");
            PeerScript.awaitLine(outsider, "aborted");
        }
        await().atMost(Harness.TIMEOUT).until(() -> rejections().size() == 1);
        assertThat(delivered).containsExactly("hello-v6");
        assertThat(rejections().get(0).getPeer().addresses()).contains(InetAddress.getByName("::1"));
        assertThat(rejections().get(0).getCause()).hasMessageContaining("is not in the allowed peers [fd00::/8]");
        assertThat(observed).containsExactly(SctpRejection.PEER_NOT_ALLOWED);
    }

    @Test
    void associationsOverTheListenerOrPerPeerLimitAreAbortedAsTheyAreAccepted() throws Exception {
        SctpServerAssociationFactory server = echoServer("127.0.0.1:0", f -> {
            f.setMaxAssociations(2);
            f.setMaxAssociationsPerPeer(1);
        });
        int port = server.getPort();
        // three associations from one peer address: one stays, two are over the per-peer limit
        try (ExternalPeer greedy = PeerScript.start("connects", port, "127.0.0.1", "127.0.0.2", "3")) {
            PeerScript.awaitLine(greedy, "ended, open 1");
            await().atMost(Harness.TIMEOUT).until(() -> server.getOpenAssociationCount() == 1);
            try (ExternalPeer second = PeerScript.start("send", port, "127.0.0.1", "127.0.0.3", "hello-second")) {
                PeerScript.awaitLine(second, "echo hello-second");
                // two open now: the listener is full for any peer
                try (ExternalPeer third = PeerScript.start("send", port, "127.0.0.1", "127.0.0.1", "over-limit")) {
                    PeerScript.awaitLine(third, "aborted");
                }
            }
        }
        await().atMost(Harness.TIMEOUT).until(() -> rejections().size() == 3);
        assertThat(delivered).containsExactly("hello-second");
        assertThat(observed).containsExactly(SctpRejection.MAX_ASSOCIATIONS_PER_PEER,
                SctpRejection.MAX_ASSOCIATIONS_PER_PEER, SctpRejection.MAX_ASSOCIATIONS);
        assertThat(rejections().get(0).getCause()).hasMessageContaining("1 associations initiated from 127.0.0.2 are open")
                .hasMessageContaining("maxAssociationsPerPeer is 1")
                .hasMessageContaining("max-associations-per-peer");
        assertThat(rejections().get(2).getCause()).hasMessageContaining("2 associations are open")
                .hasMessageContaining("maxAssociations is 2").hasMessageContaining("the listener's max-associations");
    }

    @Test
    void aPeerListingAnotherPeersAddressInItsInitIsCountedOnlyForItsSourceAddress() throws Exception {
        SctpServerAssociationFactory server = echoServer("127.0.0.1:0", f -> f.setMaxAssociationsPerPeer(1));
        int port = server.getPort();
        InetAddress attackerSource = InetAddress.getByName("127.0.0.3");
        InetAddress victimAddress = InetAddress.getByName("127.0.0.2");
        // bound to 127.0.0.3 first, so its INIT comes from 127.0.0.3 (sctp_v4_get_dst takes the first bound address
        // that routes), and lists 127.0.0.2 as well
        try (ExternalPeer attacker = PeerScript.start("send", port, "127.0.0.1", "127.0.0.3,127.0.0.2",
                "from-attacker")) {
            PeerScript.awaitLine(attacker, "echo from-attacker");
            assertThat(server.getAssociations()).hasSize(1);
            // what the kernel tells the listener (sctp_getpaddrs): the INIT's source first, then what the INIT listed
            assertThat(server.getAssociations().get(0).getRemoteAddress().addresses())
                    .as("the attacker's addresses as the server sees them")
                    .containsExactly(attackerSource, victimAddress);
            // the attacker's one association is counted for 127.0.0.3: a second one from there is over the limit
            try (ExternalPeer again = PeerScript.start("send", port, "127.0.0.1", "127.0.0.3", "attacker-again")) {
                PeerScript.awaitLine(again, "aborted");
            }
            // but not for 127.0.0.2, though its INIT listed it: the victim still gets its association
            try (ExternalPeer victim = PeerScript.start("send", port, "127.0.0.1", "127.0.0.2", "from-victim")) {
                PeerScript.awaitLine(victim, "echo from-victim");
                assertThat(server.getAssociations()).as("the attacker's and the victim's").hasSize(2);
            }
        }
        await().atMost(Harness.TIMEOUT).until(() -> rejections().size() == 1);
        assertThat(delivered).containsExactlyInAnyOrder("from-attacker", "from-victim");
        assertThat(observed).containsExactly(SctpRejection.MAX_ASSOCIATIONS_PER_PEER);
        assertThat(rejections().get(0).getCause())
                .hasMessageContaining("1 associations initiated from 127.0.0.3 are open");
    }

    @Test
    void aMessageOverTheSizeLimitAbortsItsAssociationWithoutBufferingItWhileOthersKeepEchoing() throws Exception {
        SctpServerAssociationFactory server = echoServer("127.0.0.1:0", f -> {
            f.setMaxMessageSize(1000);
            f.setReadBufferSize(256); // read in parts: the limit must stop reassembly, not only whole reads
        });
        int port = server.getPort();
        try (ExternalPeer before = PeerScript.start("send", port, "127.0.0.1", "127.0.0.2", "before-oversize")) {
            PeerScript.awaitLine(before, "echo before-oversize");
        }
        try (ExternalPeer hostile = PeerScript.start("oversize", port, "127.0.0.1", "127.0.0.3", "Z200000")) {
            PeerScript.awaitLine(hostile, "aborted");
        }
        try (ExternalPeer after = PeerScript.start("send", port, "127.0.0.1", "127.0.0.2", "after-oversize")) {
            PeerScript.awaitLine(after, "echo after-oversize");
        }
        await().atMost(Harness.TIMEOUT).until(() -> rejections().size() == 1);
        assertThat(delivered).containsExactly("before-oversize", "after-oversize");
        assertThat(observed).containsExactly(SctpRejection.MAX_MESSAGE_SIZE);
        SctpAssociationRejectedEvent event = rejections().get(0);
        assertThat(event.getAssociationId()).isNotNull();
        assertThat(event.getCause()).hasMessageContaining("over the maximum message size of 1000 bytes")
                .hasMessageContaining("was aborted").hasMessageContaining("max-message-size");
    }

    @Test
    void aListenerAcceptsOnlyOnTheAddressesItWasGiven() throws Exception {
        SctpServerAssociationFactory server = echoServer("127.0.0.1/127.0.0.2:0", f -> { });
        assertThat(server.getBoundAddress().addresses()).extracting(InetAddress::getHostAddress)
                .containsExactlyInAnyOrder("127.0.0.1", "127.0.0.2");
        int port = server.getPort();
        try (ExternalPeer given = PeerScript.start("send", port, "127.0.0.2", "127.0.0.1", "to-a-given-address");
                ExternalPeer other = PeerScript.start("send", port, "127.0.0.3", "127.0.0.1", "to-another")) {
            PeerScript.awaitLine(given, "echo to-a-given-address");
            // no wildcard behind the given addresses: the kernel answers INIT to 127.0.0.3 with ABORT
            other.awaitOutput(out -> out.contains("failed ConnectionRefusedError"), PeerScript.TIMEOUT);
        }
        assertThat(delivered).containsExactly("to-a-given-address");
    }

    @Test
    void aPeerThatAddsAnAddressOutsideTheAllowListIsAborted() throws Exception {
        // ASCONF (RFC 5061) is off by default in Linux; both ends of this VM-local test need it
        try (KernelSetting addIp = KernelSetting.set("net/sctp/addip_enable", "1");
                KernelSetting noAuth = KernelSetting.set("net/sctp/addip_noauth_enable", "1")) {
            SctpServerAssociationFactory server = echoServer("127.0.0.1:0",
                    f -> f.setAllowedPeers(List.of("127.0.0.2")));
            try (ExternalPeer mover = PeerScript.start("addaddr", server.getPort(), "127.0.0.1", "127.0.0.2",
                    "127.0.0.3", "before-adding")) {
                PeerScript.awaitLine(mover, "echo before-adding");
                PeerScript.awaitLine(mover, "added");
                PeerScript.awaitLine(mover, "aborted");
            }
            await().atMost(Harness.TIMEOUT).until(() -> rejections().size() == 1);
            assertThat(rejections().get(0).getAssociationId()).isNotNull();
            assertThat(rejections().get(0).getCause()).hasMessageContaining("the peer has address 127.0.0.3");
            assertThat(observed).containsExactly(SctpRejection.PEER_NOT_ALLOWED);
            assertThat(delivered).containsExactly("before-adding");
        }
    }

    private static void abortedByTheListener(ExternalPeer peer) throws InterruptedException {
        peer.awaitOutput(out -> out.lines().anyMatch("aborted"::equals)
                || out.contains("failed ConnectionRefusedError"), PeerScript.TIMEOUT);
    }
}
