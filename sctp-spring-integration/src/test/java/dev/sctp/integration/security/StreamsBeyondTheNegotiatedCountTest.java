package dev.sctp.integration.security;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sctp.InitOptions;
import dev.sctp.SendInfo;
import dev.sctp.integration.Harness;
import dev.sctp.integration.connection.CloseReason;
import dev.sctp.integration.connection.SctpAssociation;
import dev.sctp.integration.connection.SctpAssociationObserver;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import dev.sctp.integration.event.SctpAssociationLostEvent;
import dev.sctp.integration.support.SctpHeaders;
import dev.sctp.notification.SctpNotification;
import dev.sctp.test.CProgram;
import dev.sctp.test.ExternalPeer;
import dev.sctp.test.RequiresSctp;
import dev.sctp.test.SctpCounters;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, scenario 8: a peer that uses streams beyond the negotiated count. The listener grants 4 inbound
 * streams; a raw-socket peer in another namespace ({@code rawpeer.c}, which does the four-way handshake itself and
 * so owns its TSNs) sends DATA on streams 4, 5 and 65535 between two valid messages. The kernel answers each with an
 * ERROR chunk, cause 1 (Invalid Stream Identifier), acknowledges the TSN and delivers nothing: the application sees
 * only the valid messages, and no event or notification (Linux tells the sender, not the receiver), while the
 * association stays up and a well-behaved peer keeps getting its echoes. The listener's own sends on a stream
 * beyond its outbound count fail with the stream, the count and the fix.
 */
@RequiresSctp
class StreamsBeyondTheNegotiatedCountTest {

    private static final int STREAMS = 4;

    private static Path rawpeer;

    @BeforeAll
    static void compile() throws Exception {
        rawpeer = CProgram.compile("rawpeer");
    }

    @Test
    void dataOnStreamsBeyondTheGrantedCountIsAnsweredWithInvalidStreamErrorsAndNeverDelivered() throws Exception {
        List<String> delivered = new CopyOnWriteArrayList<>();
        try (RawPeerHost host = RawPeerHost.create(); Harness harness = new Harness()) {
            List<String> notifications = new CopyOnWriteArrayList<>();
            SctpServerAssociationFactory server = EchoListener.start(harness, host.local() + ":0", f -> {
                f.setInitOptions(InitOptions.streams(STREAMS, STREAMS));
                f.addObserver(new SctpAssociationObserver() {
                    @Override
                    public void notificationReceived(SctpAssociation association, SctpNotification notification) {
                        notifications.add(association.getId() + " " + notification.getClass().getSimpleName());
                    }
                });
            }, m -> delivered.add(EchoListener.text(m) + " on stream "
                    + m.getHeaders().get(SctpHeaders.STREAM_ID)));
            int port = server.getPort();

            try (ExternalPeer pinger = PeerScript.start("pinger", port, host.local(), host.local(), "100")) {
                await().atMost(PeerScript.TIMEOUT).until(() -> PeerScript.echoes(pinger) >= 3);
                SctpCounters before = SctpCounters.read();
                // the peer asks for 20 outbound streams; the listener's limit of 4 inbound wins
                try (ExternalPeer hostile = ExternalPeer.start(host.inPeer(rawpeer.toString(), host.peerDevice(),
                        host.local(), String.valueOf(port), host.peer(), "40000", "20", "4,5,65535"))) {
                    hostile.awaitOutput(out -> out.contains("up inbound=" + STREAMS), PeerScript.TIMEOUT);
                    // the echo of the last message shows the server read everything that came before it
                    String out = hostile.awaitOutput(o -> o.contains("data stream=0 valid-after")
                            && o.contains("sack acked=5"), PeerScript.TIMEOUT);
                    SctpCounters after = SctpCounters.read();
                    long pingsDuring = PeerScript.echoes(pinger);

                    assertThat(out.lines().filter(l -> l.startsWith("error "))).containsExactly(
                            "error cause=1 stream=4", "error cause=1 stream=5", "error cause=1 stream=65535");
                    assertThat(out.lines().filter(l -> l.startsWith("data "))).containsExactly(
                            "data stream=0 valid-before", "data stream=0 valid-after");
                    assertThat(delivered.stream().filter(d -> !d.startsWith("ping-"))).containsExactly(
                            "valid-before on stream 0", "valid-after on stream 0");
                    assertThat(after.since(before, "SctpInDataChunkDiscards")).as("DATA chunks the kernel dropped")
                            .isEqualTo(3);

                    InetAddress hostileAddress = InetAddress.getByName(host.peer());
                    SctpAssociation association = server.getAssociations().stream()
                            .filter(a -> a.getRemoteAddress().addresses().contains(hostileAddress)).findFirst()
                            .orElseThrow();
                    assertThat(association.isOpen()).isTrue();
                    assertThat(association.getInboundStreams()).isEqualTo(STREAMS);
                    assertThat(harness.events(SctpAssociationLostEvent.class)).isEmpty();
                    // Linux reports the bad streams to the sender only: the listener's side hears of none of it
                    List<String> heard = notifications.stream().filter(n -> n.startsWith(association.getId()))
                            .toList();
                    assertThat(heard).noneMatch(n -> n.endsWith("RemoteError") || n.contains("SendFailed"));

                    // this side's sends: the peer granted 65535 inbound streams, the listener asked for 4 outbound
                    assertThat(association.getOutboundStreams()).isEqualTo(STREAMS);
                    assertThatThrownBy(() -> association.send("x".getBytes(UTF_8), SendInfo.stream(STREAMS)))
                            .isInstanceOf(IllegalArgumentException.class)
                            .hasMessageContaining("Stream " + STREAMS + " is beyond the " + STREAMS
                                    + " outbound streams")
                            .hasMessageContaining(association.getId())
                            .hasMessageContaining("use 0.." + (STREAMS - 1))
                            .hasMessageContaining("InitOptions.outboundStreams");
                    association.send("still-open".getBytes(UTF_8), SendInfo.stream(STREAMS - 1));
                    hostile.awaitOutput(o -> o.contains("data stream=" + (STREAMS - 1) + " still-open"),
                            PeerScript.TIMEOUT);

                    await().atMost(PeerScript.TIMEOUT).until(() -> PeerScript.echoes(pinger) >= pingsDuring + 3);
                    System.out.printf("FIGURE hostile streams: the listener grants %d inbound streams; a raw peer's"
                            + " DATA on streams 4, 5 and 65535 drew %d ERROR chunks (cause 1, Invalid Stream"
                            + " Identifier, naming the stream), SctpInDataChunkDiscards +%d, all 5 TSNs"
                            + " acknowledged; delivered to the application: %s; notifications on the listener's"
                            + " side: %s; the association stayed up and the well-behaved peer got %d echoes in all%n",
                            STREAMS,
                            out.lines().filter(l -> l.startsWith("error cause=1")).count(),
                            after.since(before, "SctpInDataChunkDiscards"),
                            delivered.stream().filter(d -> !d.startsWith("ping-")).toList(),
                            heard.stream().map(n -> n.substring(n.lastIndexOf(' ') + 1)).toList(),
                            PeerScript.echoes(pinger));

                    hostile.closeInput();
                    hostile.awaitOutput(o -> o.contains("abort-sent"), PeerScript.TIMEOUT);
                    await().atMost(Harness.TIMEOUT).until(() -> harness.events(SctpAssociationLostEvent.class)
                            .stream().anyMatch(e -> e.getAssociationId().equals(association.getId())));
                    assertThat(harness.events(SctpAssociationLostEvent.class).get(0).getReason())
                            .isEqualTo(CloseReason.LOST);
                }
                long pings = PeerScript.echoes(pinger);
                await().atMost(PeerScript.TIMEOUT).until(() -> PeerScript.echoes(pinger) >= pings + 3);
                assertThat(pinger.output()).doesNotContain("aborted").doesNotContain("failed");
            }
        }
    }
}
