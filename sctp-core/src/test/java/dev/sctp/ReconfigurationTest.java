package dev.sctp;

import static dev.sctp.notification.NotificationType.ASSOC_RESET_EVENT;
import static dev.sctp.notification.NotificationType.STREAM_CHANGE_EVENT;
import static dev.sctp.notification.NotificationType.STREAM_RESET_EVENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sctp.internal.linux.Errno;
import dev.sctp.notification.AssociationReset;
import dev.sctp.notification.StreamChange;
import dev.sctp.notification.StreamReset;
import dev.sctp.test.AssociationPair;
import dev.sctp.test.Blackhole;
import dev.sctp.test.Inbox;
import dev.sctp.test.KernelSetting;
import dev.sctp.test.PythonSctpPeer;
import dev.sctp.test.RequiresSctp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * RFC 6525 stream reconfiguration on a real kernel: stream resets, association resets and added streams, with the
 * notifications both ends receive decoded from the kernel's bytes, their effect on stream sequence numbers, TSNs
 * and stream counts, and the errors when reconfiguration is not negotiated, not enabled or busy.
 */
@RequiresSctp
class ReconfigurationTest {

    private static final Duration TIMEOUT = AssociationPair.TIMEOUT;

    @Test
    void peerResettingItsOutgoingStreamsGivesUsAStreamResetWithTheListAndRestartsTheirSequenceNumbers()
            throws Exception {
        try (PythonSctpPeer peer = PythonSctpPeer.start("reconf=1", "enable=1");
                SctpSocket socket = reconfigClient(ReconfigurationRequests.ALL)) {
            socket.connect(SctpAddress.parse("127.0.0.1:" + peer.port()), TIMEOUT);
            Inbox inbox = new Inbox(socket, TIMEOUT);
            peer.command("send 1 first");
            peer.command("send 1 second");
            assertThat(inbox.nextMessage()).extracting(Inbox.Message::streamId, Inbox.Message::ssn,
                    Inbox.Message::text).containsExactly(1, 0, "first");
            assertThat(inbox.nextMessage().ssn()).isEqualTo(1);

            assertThat(peer.command("reset-out 1,2")).isEqualTo("ok reset-out");
            StreamReset reset = inbox.next(StreamReset.class);
            // The peer's outgoing streams are this side's incoming ones (RFC 6458 section 6.1.10).
            assertThat(reset.flags()).isEqualTo(StreamReset.INCOMING_SSN);
            assertThat(reset.streams()).containsExactly(1, 2);
            assertThat(reset.associationId()).isEqualTo(socket.associationId());

            peer.command("send 1 third");
            Inbox.Message third = inbox.nextMessage();
            assertThat(third.text()).isEqualTo("third");
            assertThat(third.ssn()).as("stream 1 starts again at SSN 0 after the reset").isZero();
        }
    }

    @Test
    void ourOutgoingResetIsConfirmedToUsAndThePeerInAnotherProcessSeesItsIncomingStreamsReset() throws Exception {
        try (PythonSctpPeer peer = PythonSctpPeer.start("reconf=1", "enable=1");
                SctpSocket socket = reconfigClient(ReconfigurationRequests.ALL)) {
            socket.connect(SctpAddress.parse("127.0.0.1:" + peer.port()), TIMEOUT);
            Inbox inbox = new Inbox(socket, TIMEOUT);
            socket.send(bytes("a"), SendInfo.of(3, 0));
            socket.send(bytes("b"), SendInfo.of(3, 0));
            peer.await("text=b");
            awaitAllAcknowledged(socket);

            socket.resetOutgoingStreams(3);
            StreamReset reset = inbox.next(StreamReset.class);
            assertThat(reset.flags()).isEqualTo(StreamReset.OUTGOING_SSN);
            assertThat(reset.streams()).containsExactly(3);
            assertThat(reset.associationId()).isEqualTo(socket.associationId());
            peer.await("event stream_reset flags=1 streams=3\n"); // INCOMING_SSN at the peer

            socket.send(bytes("c"), SendInfo.of(3, 0));
            String out = peer.await("text=c");
            assertThat(lineWith(out, "text=b")).startsWith("data sid=3 ssn=1 ");
            assertThat(lineWith(out, "text=c")).as("stream 3 starts again at SSN 0 at the peer")
                    .startsWith("data sid=3 ssn=0 ");
        }
    }

    @Test
    void askingThePeerToResetOurIncomingStreamsMakesItResetItsOutgoingOnes() throws Exception {
        try (AssociationPair pair = reconfigPair("127.0.0.1", ReconfigurationRequests.ALL,
                ReconfigurationRequests.ALL)) {
            Inbox client = new Inbox(pair.client(), TIMEOUT);
            Inbox accepted = new Inbox(pair.accepted(), TIMEOUT);
            pair.accepted().send(bytes("before"), SendInfo.of(2, 0));
            assertThat(client.nextMessage().ssn()).isZero();
            awaitAllAcknowledged(pair.accepted());

            pair.client().resetIncomingStreams(2);
            // The peer performs the request by resetting its outgoing stream 2 (net/sctp/stream.c,
            // sctp_process_strreset_inreq), and the requester sees its incoming stream 2 reset.
            StreamReset asked = accepted.next(StreamReset.class);
            assertThat(asked.flags()).isEqualTo(StreamReset.OUTGOING_SSN);
            assertThat(asked.streams()).containsExactly(2);
            StreamReset done = client.next(StreamReset.class);
            assertThat(done.isIncoming()).as("flags " + done.flags()).isTrue();
            assertThat(done.isDenied() || done.isFailed()).as("flags " + done.flags()).isFalse();
            assertThat(done.streams()).containsExactly(2);

            pair.accepted().send(bytes("after"), SendInfo.of(2, 0));
            assertThat(client.nextMessage()).extracting(Inbox.Message::text, Inbox.Message::ssn)
                    .containsExactly("after", 0);
        }
    }

    @Test
    void addingStreamsGivesStreamChangeOnBothSidesAndStatusShowsTheNewCounts() throws Exception {
        try (AssociationPair pair = reconfigPair("127.0.0.1", ReconfigurationRequests.ALL,
                ReconfigurationRequests.ALL)) {
            int outBefore = pair.client().status().outboundStreams();
            int inBefore = pair.accepted().status().inboundStreams();
            assertThat(outBefore).isEqualTo(inBefore);
            assertThatThrownBy(() -> pair.client().send(bytes("x"), SendInfo.of(outBefore + 2, 0)))
                    .isInstanceOf(IllegalArgumentException.class);

            pair.client().addStreams(0, 3);
            StreamChange ours = new Inbox(pair.client(), TIMEOUT).next(StreamChange.class);
            StreamChange theirs = new Inbox(pair.accepted(), TIMEOUT).next(StreamChange.class);
            // Linux reports the number of streams added in each direction, not the new totals.
            assertThat(ours).isEqualTo(new StreamChange(0, pair.client().associationId(), 0, 3));
            assertThat(theirs).isEqualTo(new StreamChange(0, pair.accepted().associationId(), 3, 0));
            assertThat(pair.client().status().outboundStreams()).isEqualTo(outBefore + 3);
            assertThat(pair.accepted().status().inboundStreams()).isEqualTo(inBefore + 3);

            pair.client().send(bytes("on a new stream"), SendInfo.of(outBefore + 2, 0));
            assertThat(new Inbox(pair.accepted(), TIMEOUT).nextMessage().streamId()).isEqualTo(outBefore + 2);
        }
    }

    @Test
    void addingIncomingStreamsMakesThePeerAddOutgoingOnes() throws Exception {
        try (AssociationPair pair = reconfigPair("127.0.0.1", ReconfigurationRequests.ALL,
                ReconfigurationRequests.ALL)) {
            int inBefore = pair.client().status().inboundStreams();
            int peerOutBefore = pair.accepted().status().outboundStreams();

            pair.client().addStreams(2, 0);
            StreamChange ours = new Inbox(pair.client(), TIMEOUT).next(StreamChange.class);
            assertThat(ours.inboundStreams()).isEqualTo(2);
            assertThat(ours.isDenied() || ours.isFailed()).isFalse();
            assertThat(pair.client().status().inboundStreams()).isEqualTo(inBefore + 2);
            assertThat(pair.accepted().status().outboundStreams()).isEqualTo(peerOutBefore + 2);
        }
    }

    @Test
    void associationResetGivesBothSidesTheNewTsnsThatTheNextMessagesCarry() throws Exception {
        try (AssociationPair pair = reconfigPair("127.0.0.1", ReconfigurationRequests.ALL,
                ReconfigurationRequests.ALL)) {
            Inbox client = new Inbox(pair.client(), TIMEOUT);
            Inbox accepted = new Inbox(pair.accepted(), TIMEOUT);
            pair.client().send(bytes("ping"), SendInfo.of(1, 0));
            Inbox.Message ping = accepted.nextMessage();
            pair.accepted().send(bytes("pong"), SendInfo.of(1, 0));
            Inbox.Message pong = client.nextMessage();
            awaitAllAcknowledged(pair.client());
            awaitAllAcknowledged(pair.accepted());

            pair.client().resetAssociation();
            AssociationReset requester = client.next(AssociationReset.class);
            AssociationReset responder = accepted.next(AssociationReset.class);
            assertThat(requester.flags()).isZero();
            assertThat(responder.flags()).isZero();
            assertThat(requester.associationId()).isEqualTo(pair.client().associationId());
            // RFC 6525 section 5.2.4: the requester goes on from the responder's cumulative TSN plus 2^31, the
            // responder from its next TSN. Linux puts the TSN the peer sends next in assocreset_local_tsn and the
            // TSN this side sends next in assocreset_remote_tsn, at both ends.
            long requesterNext = (ping.tsn() + (1L << 31)) & 0xffff_ffffL;
            assertThat(responder.localTsn()).isEqualTo(requesterNext);
            assertThat(requester.remoteTsn()).isEqualTo(requesterNext);
            assertThat(requester.localTsn()).isEqualTo(pong.tsn() + 1);
            assertThat(responder.remoteTsn()).isEqualTo(pong.tsn() + 1);

            pair.client().send(bytes("after"), SendInfo.of(1, 0));
            assertThat(accepted.nextMessage()).isEqualTo(new Inbox.Message(1, 0, requesterNext, "after"));
            pair.accepted().send(bytes("back"), SendInfo.of(1, 0));
            assertThat(client.nextMessage()).isEqualTo(new Inbox.Message(1, 0, pong.tsn() + 1, "back"));
        }
    }

    @Test
    void aRequestWithoutNegotiatedReconfigurationFailsNamingTheSettings() throws Exception {
        try (AssociationPair pair = reconfigPair("127.0.0.1", ReconfigurationRequests.ALL, null)) {
            assertThat(pair.client().getOption(SctpOptions.RECONFIG_SUPPORTED)).isFalse();
            assertThatThrownBy(() -> pair.client().resetOutgoingStreams())
                    .isInstanceOfSatisfying(SctpException.class, e -> assertThat(e.errno())
                            .isEqualTo(Errno.ENOPROTOOPT))
                    .hasMessageContaining("RECONFIG_SUPPORTED").hasMessageContaining("net.sctp.reconf_enable");
            assertThatThrownBy(() -> pair.client().addStreams(0, 1)).hasMessageContaining("RECONFIG_SUPPORTED");
            assertThatThrownBy(() -> pair.client().resetAssociation()).hasMessageContaining("RECONFIG_SUPPORTED");
        }
    }

    @Test
    void aRequestOfAKindNotEnabledHereFailsNamingEnableStreamReset() throws Exception {
        ReconfigurationRequests streamsOnly = new ReconfigurationRequests(true, false, false);
        try (AssociationPair pair = reconfigPair("127.0.0.1", streamsOnly, ReconfigurationRequests.ALL)) {
            assertThat(pair.client().getOption(SctpOptions.RECONFIG_SUPPORTED)).isTrue();
            assertThat(pair.client().getOption(SctpOptions.ENABLE_STREAM_RESET)).isEqualTo(streamsOnly);
            assertThatThrownBy(() -> pair.client().resetAssociation())
                    .isInstanceOfSatisfying(SctpException.class, e -> assertThat(e.errno())
                            .isEqualTo(Errno.ENOPROTOOPT))
                    .hasMessageContaining("ENABLE_STREAM_RESET").hasMessageContaining("resetAssociation true");
            assertThatThrownBy(() -> pair.client().addStreams(1, 0)).hasMessageContaining("addStreams true");

            // Turned on for this association only, the same request goes out and is performed.
            pair.client().setOption(SctpOptions.ENABLE_STREAM_RESET, ReconfigurationRequests.ALL);
            pair.client().addStreams(0, 1);
            StreamChange change = new Inbox(pair.client(), TIMEOUT).next(StreamChange.class);
            assertThat(change.isDenied()).isFalse();
        }
    }

    @Test
    void aRequestThePeerDoesNotAllowComesBackDeniedAndChangesNothing() throws Exception {
        try (AssociationPair pair = reconfigPair("127.0.0.1", ReconfigurationRequests.ALL,
                ReconfigurationRequests.NONE)) {
            Inbox client = new Inbox(pair.client(), TIMEOUT);
            int out = pair.client().status().outboundStreams();

            pair.client().resetOutgoingStreams(1);
            StreamReset reset = client.next(StreamReset.class);
            // Linux 6.1 keeps the direction of the refused request in the flags.
            assertThat(reset.flags()).isEqualTo(StreamReset.DENIED | StreamReset.OUTGOING_SSN);
            assertThat(reset.streams()).containsExactly(1);

            pair.client().addStreams(0, 2);
            StreamChange change = client.next(StreamChange.class);
            assertThat(change.isDenied()).as("flags " + change.flags()).isTrue();
            assertThat(change.isFailed()).as("flags " + change.flags()).isFalse();
            assertThat(change.outboundStreams()).isEqualTo(2);
            assertThat(pair.client().status().outboundStreams()).isEqualTo(out);
        }
    }

    @Test
    void aSecondRequestWhileTheFirstIsUnansweredFailsWithEinprogressAndTheFirstCompletesLater() throws Exception {
        String host = "127.0.0.6";
        try (AssociationPair pair = reconfigPair(host, ReconfigurationRequests.ALL, ReconfigurationRequests.ALL)) {
            try (AutoCloseable cut = Blackhole.drop(host)) {
                pair.client().resetOutgoingStreams(1);
                assertThatThrownBy(() -> pair.client().resetOutgoingStreams(2))
                        .isInstanceOfSatisfying(SctpException.class, e -> assertThat(e.errno())
                                .isEqualTo(Errno.EINPROGRESS))
                        .hasMessageContaining("still outstanding");
            }
            // The kernel retransmits the request once its timer expires, and the peer now answers.
            StreamReset reset = new Inbox(pair.client(), TIMEOUT).next(StreamReset.class);
            assertThat(reset.flags()).isEqualTo(StreamReset.OUTGOING_SSN);
            assertThat(reset.streams()).containsExactly(1);
        }
    }

    @Test
    void resetsWhileDataIsStillQueuedForAPeerThatDoesNotReadFailWithEagainNamingTheWaitAndWorkOnceItIsSent()
            throws Exception {
        int messages = 40;
        byte[] kilobyte = new byte[1000];
        // A small receive buffer on the listener (inherited by the accepted socket, whose association takes its
        // window from it) lets a peer that does not read close its window after a few kilobytes.
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0", server -> {
            server.setOption(SctpOptions.RECONFIG_SUPPORTED, true);
            server.setOption(SctpOptions.ENABLE_STREAM_RESET, ReconfigurationRequests.ALL);
            server.setOption(SctpOptions.SO_RCVBUF, 4096);
        }, client -> {
            reconfigure(client, ReconfigurationRequests.ALL);
            client.setOption(SctpOptions.SO_SNDBUF, 1 << 20);
        })) {
            for (int i = 0; i < messages; i++) {
                pair.client().send(kilobyte, SendInfo.of(1, 0));
            }
            // The peer's window fills with a few kilobytes; the rest of the 40 KB stays unsent in this side's queue.
            await().atMost(TIMEOUT).untilAsserted(() -> {
                SctpStatus status = pair.client().status();
                assertThat(status.receiveWindow()).as("the peer's window: " + status).isLessThan(kilobyte.length);
            });

            // net/sctp/stream.c: an outgoing reset waits for unsent data on its streams, an association reset for
            // an empty send queue; both are -EAGAIN.
            assertThatThrownBy(() -> pair.client().resetOutgoingStreams(1))
                    .isInstanceOfSatisfying(SctpException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EAGAIN))
                    .hasMessageContaining("cannot reset outgoing streams").hasMessageContaining("not sent yet")
                    .hasMessageContaining("SENDER_DRY_EVENT");
            assertThatThrownBy(() -> pair.client().resetAssociation())
                    .isInstanceOfSatisfying(SctpException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EAGAIN))
                    .hasMessageContaining("cannot reset the association")
                    .hasMessageContaining("not yet acknowledged").hasMessageContaining("SENDER_DRY_EVENT");

            // Once the peer reads everything and it is acknowledged, the same request goes through.
            Inbox accepted = new Inbox(pair.accepted(), TIMEOUT);
            for (int i = 0; i < messages; i++) {
                assertThat(accepted.nextMessage().streamId()).isEqualTo(1);
            }
            awaitAllAcknowledged(pair.client());
            pair.client().resetOutgoingStreams(1);
            StreamReset reset = new Inbox(pair.client(), TIMEOUT).next(StreamReset.class);
            assertThat(reset.flags()).isEqualTo(StreamReset.OUTGOING_SSN);
            assertThat(reset.streams()).containsExactly(1);
        }
    }

    @Test
    void resettingAStreamBeyondTheNegotiatedCountFailsNamingTheCount() throws Exception {
        try (AssociationPair pair = reconfigPair("127.0.0.1", ReconfigurationRequests.ALL,
                ReconfigurationRequests.ALL)) {
            int out = pair.client().status().outboundStreams();
            assertThatThrownBy(() -> pair.client().resetOutgoingStreams(0, out))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("stream " + out + " is beyond the association's " + out
                            + " outgoing streams");
            assertThatThrownBy(() -> pair.client().resetOutgoingStreams(new int[249]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("248");
        }
    }

    @Test
    void theReconfEnableSysctlIsTheDefaultOfReconfigSupported() throws Exception {
        try (KernelSetting off = KernelSetting.set("net/sctp/reconf_enable", "0");
                SctpSocket socket = SctpSocket.open()) {
            assertThat(socket.getOption(SctpOptions.RECONFIG_SUPPORTED)).isFalse();
            socket.setOption(SctpOptions.RECONFIG_SUPPORTED, true);
            assertThat(socket.getOption(SctpOptions.RECONFIG_SUPPORTED)).isTrue();
        }
        try (KernelSetting on = KernelSetting.set("net/sctp/reconf_enable", "1");
                SctpSocket socket = SctpSocket.open()) {
            assertThat(socket.getOption(SctpOptions.RECONFIG_SUPPORTED)).isTrue();
        }
    }

    /**
     * A listener on {@code host} and a client, both with reconfiguration support and subscribed to its
     * notifications; {@code serverRequests} null leaves the listener without reconfiguration support.
     */
    private static AssociationPair reconfigPair(String host, ReconfigurationRequests clientRequests,
            ReconfigurationRequests serverRequests) throws IOException {
        return AssociationPair.open(host + ":0", server -> {
            server.setOption(SctpOptions.RECONFIG_SUPPORTED, serverRequests != null);
            if (serverRequests != null) {
                server.setOption(SctpOptions.ENABLE_STREAM_RESET, serverRequests);
            }
            server.subscribe(STREAM_RESET_EVENT, ASSOC_RESET_EVENT, STREAM_CHANGE_EVENT);
        }, client -> reconfigure(client, clientRequests));
    }

    private static SctpSocket reconfigClient(ReconfigurationRequests requests) throws IOException {
        return AssociationPair.client(client -> reconfigure(client, requests));
    }

    private static void reconfigure(SctpSocket socket, ReconfigurationRequests requests) throws IOException {
        socket.setOption(SctpOptions.RECONFIG_SUPPORTED, true);
        socket.setOption(SctpOptions.ENABLE_STREAM_RESET, requests);
        socket.subscribe(STREAM_RESET_EVENT, ASSOC_RESET_EVENT, STREAM_CHANGE_EVENT);
    }

    /** Waits until everything sent is acknowledged: resets are refused (EAGAIN) while data is queued. */
    private static void awaitAllAcknowledged(SctpSocket socket) {
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(10)).untilAsserted(() -> {
            SctpStatus status = socket.status();
            assertThat(status.unackedData() + status.pendingData()).as("data still queued: " + status).isZero();
        });
    }

    private static String lineWith(String output, String text) {
        return output.lines().filter(l -> l.contains(text)).findFirst().orElseThrow();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
