package dev.sctp.boot.autoconfigure.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sctp.boot.autoconfigure.app.Apps;
import dev.sctp.integration.connection.CloseReason;
import dev.sctp.integration.connection.SctpClientAssociationFactory;
import dev.sctp.integration.event.SctpAssociationFailedEvent;
import dev.sctp.integration.event.SctpAssociationLostEvent;
import dev.sctp.integration.event.SctpAssociationOpenedEvent;
import dev.sctp.integration.event.SctpAssociationRestartedEvent;
import dev.sctp.integration.event.SctpSendFailedEvent;
import dev.sctp.integration.support.SctpHeaders;
import dev.sctp.test.CProgram;
import dev.sctp.test.ExternalPeer;
import dev.sctp.test.FaultLab;
import dev.sctp.test.RequiresSctp;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;

/**
 * Reliability scenarios 3 and 4 through the starter: the peer's host crashes (its process is killed with SIGKILL
 * while its path is cut, see {@link FaultLab#crashPeerHost}) and comes back. The starter's client detects the loss,
 * goes DOWN, reconnects with backoff once the peer is back and goes UP, with the events the starter documents; every
 * message whose send through the outbound channel succeeded is received by one of the peer's two incarnations or
 * comes back in a {@link SctpSendFailedEvent} with its payload. A client peer that comes back on the same address
 * and port before its loss was noticed is a RESTART of the listener's association.
 */
@RequiresSctp
class StarterPeerCrashTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int PORT = 5313;
    private static final int CLIENT_PORT = 5314;
    private static final int STREAMS = 8;
    private static final int SIZE = 64;
    /** Scheduling slack of the emulated VM on top of the kernel's own timers. */
    private static final Duration SLACK = Duration.ofMillis(1500);
    private static final Duration RTO_MAX = Duration.ofMillis(500);
    private static final Duration HEARTBEAT = Duration.ofMillis(500);
    private static final int MAX_RETRANSMISSIONS = 3;
    private static final Duration RECONNECT_MAX = Duration.ofSeconds(2);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    @Test
    void aCrashedPeerIsDetectedTheClientReconnectsWithBackoffAndEverySentMessageIsAccountedFor() throws Exception {
        try (FaultLab lab = FaultLab.create(1);
                TallySink first = TallySink.startIn(lab, PORT, TIMEOUT);
                ConfigurableApplicationContext app = Apps.run(ReliabilityClient.class,
                        "sctp.clients.peer.addresses=" + lab.peer(1) + ":" + PORT,
                        "sctp.clients.peer.local-addresses=" + lab.local(1) + ":0",
                        "sctp.clients.peer.streams.outbound=" + STREAMS,
                        "sctp.clients.peer.rto.initial=" + RTO_MAX.toMillis() + "ms", "sctp.clients.peer.rto.min=100ms",
                        "sctp.clients.peer.rto.max=" + RTO_MAX.toMillis() + "ms",
                        "sctp.clients.peer.heartbeat.interval=" + HEARTBEAT.toMillis() + "ms",
                        "sctp.clients.peer.max-retransmissions=" + MAX_RETRANSMISSIONS,
                        "sctp.clients.peer.path-max-retransmissions=" + MAX_RETRANSMISSIONS,
                        "sctp.clients.peer.send-timeout=500ms",
                        "sctp.clients.peer.connect-timeout=" + CONNECT_TIMEOUT.toMillis() + "ms",
                        "sctp.clients.peer.reconnect.initial-delay=100ms", "sctp.clients.peer.reconnect.multiplier=2",
                        "sctp.clients.peer.reconnect.max-delay=" + RECONNECT_MAX.toMillis() + "ms",
                        "sctp.clients.peer.reconnect.jitter=0ms")) {
            EventLog events = app.getBean(EventLog.class);
            MeterRegistry registry = app.getBean(MeterRegistry.class);
            await().atMost(TIMEOUT).until(() -> ReliabilityClient.health(app).getStatus().equals(Status.UP));
            SctpClientAssociationFactory client = app.getBean(SctpClientAssociationFactory.class);
            Sender sender = new Sender(app.getBean("peerOutbound", MessageChannel.class), client);
            Thread sending = new Thread(sender, "crash-sender");
            sending.start();
            TallySink second = null;
            try {
                await().atMost(TIMEOUT).until(() -> sender.succeeded.get() >= 2000);

                // the host goes silent; what its receiver reads from now on is what its kernel acknowledged; then its
                // process is killed (its ABORT cannot get out)
                int mark = first.mark();
                // taken before the cut: running tc takes a while in the emulated VM, and the loss may be noticed
                // before the cut's second half (the peer's side) is in place
                long crashedAt = System.nanoTime();
                lab.cut(1);
                long readByFirst = first.awaitIdle(mark, TIMEOUT);
                first.kill();
                await().atMost(TIMEOUT).untilAsserted(() -> assertThat(ReliabilityClient.health(app).getStatus())
                        .as("health after the crash; events %s", events.names()).isEqualTo(Status.DOWN));
                long down = (System.nanoTime() - crashedAt) / 1_000_000;
                List<SctpAssociationLostEvent> lost = events.since(0, SctpAssociationLostEvent.class);
                assertThat(lost).as("events: %s", events.names()).hasSize(1);
                assertThat(lost.get(0).getReason()).isEqualTo(CloseReason.LOST);
                // from the moment the host went silent: the loss may be noticed before its processes are killed
                long detected = events.millisTo(crashedAt, SctpAssociationLostEvent.class, e -> true);
                String reason = (String) ReliabilityClient.health(app).getDetails().get("reason");

                // the host is gone (its namespace and links too); the client retries, and the attempts fail
                lab.crashPeerHost();
                await().atMost(TIMEOUT).until(() -> events.since(crashedAt, SctpAssociationFailedEvent.class)
                        .size() >= 3);
                lab.rebootPeerHost();
                long rebootedAt = System.nanoTime();
                second = TallySink.startIn(lab, PORT, TIMEOUT);
                await().atMost(TIMEOUT).until(() -> ReliabilityClient.health(app).getStatus().equals(Status.UP));
                long reconnect = events.millisTo(rebootedAt, SctpAssociationOpenedEvent.class, e -> true);
                List<Long> failedConnects = events.millisOf(crashedAt, SctpAssociationFailedEvent.class);
                assertThat(events.since(crashedAt, SctpAssociationOpenedEvent.class)).as("events: %s",
                        events.names()).hasSize(1);

                long afterReconnect = sender.succeeded.get();
                await().atMost(TIMEOUT).until(() -> sender.succeeded.get() >= afterReconnect + 2000);
                sender.stop.set(true);
                sending.join(TIMEOUT.toMillis());
                assertThat(sending.isAlive()).as("the sender stopped").isFalse();
                app.close();
                TallySink.Account account = second.awaitEnd(TIMEOUT);

                List<SctpSendFailedEvent> failed = events.since(0, SctpSendFailedEvent.class);
                Set<Long> returned = new HashSet<>();
                for (SctpSendFailedEvent e : failed) {
                    assertThat(e.getPayload()).as("a returned payload").hasSize(SIZE);
                    returned.add((long) e.getStreamId() << 32 | TallySink.sequence(e.getPayload()));
                }
                long succeeded = sender.succeeded.get();
                long readBySecond = account.received();
                // the delays double from 100 ms up to the maximum; an attempt under way when the peer comes back
                // fails within the connect timeout, and the next one starts at most the maximum delay later
                long reconnectBound = RECONNECT_MAX.plus(CONNECT_TIMEOUT).plus(SLACK).toMillis();
                long detectBound = (MAX_RETRANSMISSIONS + 2) * (HEARTBEAT.toMillis() + RTO_MAX.toMillis() * 3 / 2)
                        + SLACK.toMillis();
                System.out.printf("FIGURE StarterPeerCrashTests: crash detected (SctpAssociationLostEvent) after %d ms"
                        + " (bound %d; heartbeat %d ms, RTO max %d ms, %d retransmissions), health DOWN after %d ms"
                        + " (\"%s\"), failed connects at %s ms, reconnected %d ms after the peer's host came back"
                        + " (bound %d; reconnect 100 ms doubling to %d ms); accounting: sends succeeded %d ="
                        + " received by the first incarnation %d + send-failed events %d + received by the second"
                        + " %d; sends that failed at once %d%n", detected, detectBound, HEARTBEAT.toMillis(),
                        RTO_MAX.toMillis(),
                        MAX_RETRANSMISSIONS, down, reason, failedConnects, reconnect, reconnectBound,
                        RECONNECT_MAX.toMillis(), succeeded, readByFirst, failed.size(), readBySecond,
                        sender.refused.get());
                assertThat(returned).as("distinct returned messages").hasSize(failed.size());
                assertThat(account.end()).as("the second incarnation's end").isEqualTo("shutdown");
                assertThat(account.errors()).as("messages out of order or twice").isZero();
                // Overlap: the kernel returns in SEND_FAILED every message its peer did not acknowledge (SACK) before
                // the loss. A message the first incarnation received and acknowledged after the cut began is counted
                // twice: read by the peer, and returned because its SACK was lost in the cut. Only a message that was
                // transmitted can have arrived, and the kernel marks those SCTP_DATA_SENT (a TSN was assigned; the
                // others are SCTP_DATA_UNSENT), so the overlap is at most the returned messages marked sent: those
                // in flight at the crash. The sum never falls short: that would be a message lost.
                long returnedSent = failed.stream().filter(SctpSendFailedEvent::wasSent).count();
                System.out.printf("FIGURE StarterPeerCrashTests: returned marked sent %d, received + returned - sends"
                        + " succeeded = %d%n", returnedSent, readByFirst + failed.size() + readBySecond - succeeded);
                assertThat(readByFirst + failed.size() + readBySecond - succeeded)
                        .as("received + returned - sends succeeded").isBetween(0L, returnedSent);
                assertThat(detected).as("crash to SctpAssociationLostEvent, ms").isBetween(0L, detectBound);
                assertThat(reconnect).as("host back to the new association, ms").isBetween(0L, reconnectBound);
                assertThat(registry.get("sctp.associations.aborted").tag("name", "peer").tag("reason", "lost")
                        .counter().count()).as("sctp.associations.aborted{reason=lost}").isEqualTo(1);
            } finally {
                sender.stop.set(true);
                sending.join(TIMEOUT.toMillis());
                if (second != null) {
                    second.close();
                }
            }
        }
    }

    @Test
    void aClientPeerThatComesBackOnTheSameAddressAndPortIsAReportedRestart() throws Exception {
        try (FaultLab lab = FaultLab.create(1);
                ConfigurableApplicationContext app = Apps.run(ReliabilityClient.class,
                        "sctp.listen.addresses=" + lab.local(1) + ":" + PORT)) {
            EventLog events = app.getBean(EventLog.class);
            QueueChannel inbound = app.getBean("sctpInbound", QueueChannel.class);
            try (ExternalPeer client = startClient(lab)) {
                assertThat(text(inbound.receive(TIMEOUT.toMillis()))).isEqualTo("hello");
                String association = events.since(0, SctpAssociationOpenedEvent.class).get(0).getAssociationId();

                long crashedAt = System.nanoTime();
                lab.crashPeerHost();
                lab.rebootPeerHost();
                try (ExternalPeer again = startClient(lab)) {
                    assertThat(text(inbound.receive(TIMEOUT.toMillis()))).as("the new incarnation's message")
                            .isEqualTo("hello");
                    List<SctpAssociationRestartedEvent> restarts = events.since(crashedAt,
                            SctpAssociationRestartedEvent.class);
                    System.out.printf("FIGURE StarterPeerCrashTests: a client peer back on the same address and"
                            + " port: %d restart events, events %s%n", restarts.size(), events.names());
                    assertThat(restarts).as("events: %s", events.names()).hasSize(1);
                    assertThat(restarts.get(0).getAssociationId()).isEqualTo(association);
                    assertThat(events.since(crashedAt, SctpAssociationLostEvent.class)).isEmpty();
                    assertThat(app.getBean(MeterRegistry.class).get("sctp.associations.restarted")
                            .tag("name", "default").counter().count()).isEqualTo(1);
                }
            }
        }
    }

    private static ExternalPeer startClient(FaultLab lab) throws Exception {
        ExternalPeer peer = ExternalPeer.start(lab.inPeer(CProgram.compile("labclient").toString(), lab.peer(1),
                String.valueOf(CLIENT_PORT), lab.local(1), String.valueOf(PORT)));
        peer.awaitOutput(out -> out.contains("connected"), TIMEOUT);
        return peer;
    }

    private static String text(Message<?> message) {
        assertThat(message).as("a message within %s", TIMEOUT).isNotNull();
        return new String((byte[]) message.getPayload(), StandardCharsets.UTF_8);
    }

    /**
     * Sends numbered messages round-robin on the streams until stopped, while the client is connected, counting
     * sends that succeeded.
     */
    private static final class Sender implements Runnable {

        private final MessageChannel outbound;
        private final SctpClientAssociationFactory client;
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong succeeded = new AtomicLong();
        final AtomicLong refused = new AtomicLong();

        Sender(MessageChannel outbound, SctpClientAssociationFactory client) {
            this.outbound = outbound;
            this.client = client;
        }

        @Override
        public void run() {
            int[] next = new int[STREAMS];
            for (long i = 0; !stop.get(); i++) {
                if (!client.isConnected()) {
                    // a send now would connect at once; waiting leaves reconnecting to the client's backoff
                    LockSupport.parkNanos(1_000_000);
                    continue;
                }
                int stream = (int) (i % STREAMS);
                try {
                    // a number is never reused, so each message is one the receiver can tell apart
                    outbound.send(MessageBuilder.withPayload(TallySink.number(next[stream]++, SIZE))
                            .setHeader(SctpHeaders.STREAM_ID, stream).build());
                    succeeded.incrementAndGet();
                } catch (RuntimeException e) {
                    refused.incrementAndGet();
                }
            }
        }
    }
}
