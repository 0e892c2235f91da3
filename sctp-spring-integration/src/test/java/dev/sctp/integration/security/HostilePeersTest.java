package dev.sctp.integration.security;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sctp.SctpAddress;
import dev.sctp.SendInfo;
import dev.sctp.integration.Harness;
import dev.sctp.integration.connection.CloseReason;
import dev.sctp.integration.connection.SctpAssociation;
import dev.sctp.integration.connection.SctpAssociationException;
import dev.sctp.integration.connection.SctpAssociationObserver;
import dev.sctp.integration.connection.SctpRejection;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import dev.sctp.integration.event.SctpAssociationLostEvent;
import dev.sctp.integration.event.SctpAssociationRejectedEvent;
import dev.sctp.test.ExternalPeer;
import dev.sctp.test.RequiresSctp;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, scenario 8: an echo server keeps answering a well-behaved peer ({@code hostile_peer.py pinger}, a ping
 * every 100 ms) while peers in other processes misbehave in turn: one sends an oversize message, one never reads
 * what the server sends it, one aborts with a reason of its own, one opens far more associations than the listener
 * allows. Each gets a clear error, an event and an observer callback (the starter's metric); the pings' echoes keep
 * arriving through every phase.
 */
@RequiresSctp
class HostilePeersTest {

    private static final int MAX_ASSOCIATIONS = 12;

    private final Harness harness = new Harness();
    private final Map<String, AtomicInteger> observed = new ConcurrentHashMap<>();

    private void count(String what) {
        observed.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
    }

    private int observed(String what) {
        AtomicInteger n = observed.get(what);
        return n == null ? 0 : n.get();
    }

    private final long started = System.nanoTime();

    /** Waits until the well-behaved peer got {@code more} further echoes. */
    private void echoesKeepFlowing(ExternalPeer pinger, int more, String phase) {
        long before = PeerScript.echoes(pinger);
        await().atMost(PeerScript.TIMEOUT).alias("echoes to the well-behaved peer during " + phase)
                .until(() -> PeerScript.echoes(pinger) >= before + more);
        System.out.printf("HostilePeersTest: %s done at %d ms, %d echoes so far%n", phase,
                (System.nanoTime() - started) / 1_000_000, PeerScript.echoes(pinger));
    }

    private SctpServerAssociationFactory server;
    private int port;
    private ExternalPeer pinger;

    /** The echo server and its well-behaved peer, its echoes flowing. */
    @BeforeEach
    void serveAWellBehavedPeer() throws Exception {
        server = EchoListener.start(harness, "127.0.0.1:0", f -> {
            f.setMaxMessageSize(4096);
            f.setMaxAssociations(MAX_ASSOCIATIONS);
            f.setBacklog(128); // the kernel queues the whole flood: every association over the limit is the listener's
            f.setSendTimeout(Duration.ofSeconds(2));
            f.setSoSendBufferSize(64 * 1024);
            f.addObserver(new SctpAssociationObserver() {
                @Override
                public void associationRejected(@Nullable SctpAddress peer, SctpRejection reason, Throwable cause) {
                    count(reason.tag());
                }

                @Override
                public void associationClosed(SctpAssociation association, CloseReason reason, @Nullable Throwable c) {
                    count("closed-" + reason);
                }

                @Override
                public void sendFailed(SctpAssociation association, int streamId, int bytes, Throwable cause) {
                    count("send-failed-" + cause.getClass().getSimpleName());
                }
            });
        }, m -> { });
        port = server.getPort();
        pinger = PeerScript.start("pinger", port, "127.0.0.1", "127.0.0.2", "100");
        echoesKeepFlowing(pinger, 3, "start-up");
    }

    @AfterEach
    void theWellBehavedPeerWasServedThroughout() {
        try {
            echoesKeepFlowing(pinger, 3, "the end");
            assertThat(pinger.output()).doesNotContain("aborted").doesNotContain("failed");
        } finally {
            pinger.close();
            harness.close();
        }
    }

    @Test
    void anOversizeMessageAbortsOnlyItsAssociation() throws Exception {
        // an oversize message: the association is aborted at the limit, nothing of it is delivered
        try (ExternalPeer oversize = PeerScript.start("oversize", port, "127.0.0.1", "127.0.0.3", "Z100000")) {
            PeerScript.awaitLine(oversize, "aborted");
        }
        await().atMost(Harness.TIMEOUT).until(() -> observed(SctpRejection.MAX_MESSAGE_SIZE.tag()) == 1);
        assertThat(harness.events(SctpAssociationRejectedEvent.class).get(0).getCause())
                .hasMessageContaining("maximum message size of 4096 bytes");
        echoesKeepFlowing(pinger, 3, "the oversize message");
    }

    @Test
    void sendsToAPeerThatNeverReadsTimeOutWithoutHoldingUpOtherAssociations() throws Exception {
        // a peer that never reads: the server's sends to it fill the buffers, then time out after the send
        // timeout with an error naming the association; meanwhile the other association's echoes flow
        try (ExternalPeer noReader = PeerScript.start("noread", port, "127.0.0.1", "127.0.0.3")) {
            PeerScript.awaitLine(noReader, "up");
            InetAddress silent = InetAddress.getByName("127.0.0.3");
            await().atMost(Harness.TIMEOUT).until(() -> server.getAssociations().stream()
                    .anyMatch(a -> a.getRemoteAddress().addresses().contains(silent)));
            SctpAssociation toSilent = server.getAssociations().stream()
                    .filter(a -> a.getRemoteAddress().addresses().contains(silent)).findFirst().orElseThrow();
            byte[] chunk = new byte[1024];
            int sent = 0;
            long start = System.nanoTime();
            Throwable failure = null;
            while (failure == null && sent < 100_000) {
                try {
                    toSilent.send(chunk, SendInfo.stream(0));
                    sent++;
                } catch (SctpAssociationException e) {
                    failure = e;
                }
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("FIGURE hostile never-reads: the server sent %d messages of 1 KiB to a peer that"
                    + " never reads before a send timed out, after %d ms; the association stays open: %s%n", sent,
                    millis, toSilent.isOpen());
            assertThat(failure).as("a send to the peer that never reads").isNotNull()
                    .hasMessageContaining(toSilent.getId()).hasCauseInstanceOf(SocketTimeoutException.class);
            assertThat(observed("send-failed-SocketTimeoutException")).isEqualTo(1);
            echoesKeepFlowing(pinger, 3, "sends blocked on the peer that never reads");
            toSilent.abort();
        }
    }

    @Test
    void aPeersAbortReasonReachesTheLostEvent() throws Exception {
        // an ABORT with a reason: the lost event carries the peer's reason and error cause 12
        try (ExternalPeer aborter = PeerScript.start("abort", port, "127.0.0.1", "127.0.0.3",
                "going-away-42")) {
            PeerScript.awaitLine(aborter, "abort-sent");
        }
        await().atMost(Harness.TIMEOUT).until(() -> harness.events(SctpAssociationLostEvent.class).stream()
                .anyMatch(e -> e.getUserAbortReason() != null));
        SctpAssociationLostEvent lost = harness.events(SctpAssociationLostEvent.class).stream()
                .filter(e -> e.getUserAbortReason() != null).findFirst().orElseThrow();
        assertThat(new String(lost.getUserAbortReason(), UTF_8)).isEqualTo("going-away-42");
        assertThat(lost.getErrorCause()).as("user-initiated abort").isEqualTo(12);
        assertThat(lost.getReason()).isEqualTo(CloseReason.LOST);
        assertThat(lost.toString()).contains("userAbortReason=13 bytes").doesNotContain("going-away-42");
        // the observers hear of the end when the reader ends, a moment after the notification's event
        await().atMost(Harness.TIMEOUT).until(() -> observed.keySet().stream().anyMatch(k -> k.startsWith("closed-")));
        echoesKeepFlowing(pinger, 3, "the peer's ABORT");
    }

    @Test
    void associationsBeyondTheLimitAreAbortedAsAFloodOpensThem() throws Exception {
        // a flood of associations: those over maxAssociations are aborted as they are accepted
        int flood = 3 * MAX_ASSOCIATIONS;
        try (ExternalPeer flooder = PeerScript.start("connects", port, "127.0.0.1", "127.0.0.3",
                String.valueOf(flood))) {
            String up = flooder.awaitOutput(out -> out.contains("up "), PeerScript.TIMEOUT);
            Matcher m = Pattern.compile("up (\\d+) refused (\\d+)").matcher(up);
            assertThat(m.find()).as(up).isTrue();
            int opened = Integer.parseInt(m.group(1));
            int refused = Integer.parseInt(m.group(2));
            assertThat(opened + refused).isEqualTo(flood);
            // the pinger holds one association: the flood may keep the others, the listener aborts the rest as it
            // accepts them; a peer whose connect() had not returned yet when the ABORT came sees "refused"
            int kept = MAX_ASSOCIATIONS - 1;
            assertThat(opened).as("associations whose connect() returned").isGreaterThanOrEqualTo(kept);
            if (opened > kept) {
                PeerScript.awaitLine(flooder, "ended, open " + kept);
            }
            // with the whole flood in the kernel's backlog, the listener itself aborted every association over the
            // limit, whether the peer saw it as refused (before connect() returned) or as ended (after)
            await().atMost(Harness.TIMEOUT).until(() -> observed(SctpRejection.MAX_ASSOCIATIONS.tag())
                    == flood - kept);
            await().atMost(Harness.TIMEOUT).until(() -> server.getOpenAssociationCount() == kept + 1);
            echoesKeepFlowing(pinger, 3, "the association flood");
            System.out.printf("FIGURE hostile association flood: %d associations opened at once against"
                    + " maxAssociations=%d: %d kept, %d aborted by the listener as it accepted them"
                    + " (max-associations), %d seen as refused by the peer's connect()%n", flood,
                    MAX_ASSOCIATIONS, kept, observed(SctpRejection.MAX_ASSOCIATIONS.tag()), refused);
            flooder.closeInput();
        }
    }
}
