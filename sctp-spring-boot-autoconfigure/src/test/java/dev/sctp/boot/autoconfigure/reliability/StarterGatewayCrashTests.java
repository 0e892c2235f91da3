package dev.sctp.boot.autoconfigure.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sctp.boot.autoconfigure.app.Apps;
import dev.sctp.integration.event.SctpAssociationLostEvent;
import dev.sctp.test.FaultLab;
import dev.sctp.test.RequiresSctp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.MessageTimeoutException;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessagingException;

/**
 * Reliability scenario 4 through the starter's outbound gateway (a client in request-reply mode): while callers keep
 * asking, the peer's host crashes (its path is cut, then its process is killed, see {@link FaultLab#cut}). Every
 * request handed to the gateway either gets its own reply (the peer, {@code tallysink --echo}, echoes it) or fails
 * back to its caller with its payload: none hangs, none is answered with another's reply, and the requests waiting
 * for replies at the crash fail when the loss is detected, not when their reply timeout (far longer) runs out.
 */
@RequiresSctp
class StarterGatewayCrashTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int PORT = 5315;
    private static final int CALLERS = 4;
    private static final int SIZE = 64;
    /** Longer than the test: a request failing by its reply timeout would show as a timeout, which is asserted. */
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(120);

    @Test
    void everyRequestThroughTheGatewayGetsItsReplyOrFailsBackWithItsPayloadWhenThePeerCrashes() throws Exception {
        try (FaultLab lab = FaultLab.create(1);
                TallySink peer = TallySink.startEchoIn(lab, PORT, TIMEOUT);
                ConfigurableApplicationContext app = Apps.run(ReliabilityClient.class,
                        "sctp.clients.peer.addresses=" + lab.peer(1) + ":" + PORT,
                        "sctp.clients.peer.local-addresses=" + lab.local(1) + ":0",
                        "sctp.clients.peer.mode=request-reply",
                        "sctp.clients.peer.reply-timeout=" + REPLY_TIMEOUT.toSeconds() + "s",
                        "sctp.clients.peer.streams.outbound=8",
                        "sctp.clients.peer.rto.initial=500ms", "sctp.clients.peer.rto.min=100ms",
                        "sctp.clients.peer.rto.max=500ms", "sctp.clients.peer.heartbeat.interval=500ms",
                        "sctp.clients.peer.max-retransmissions=3", "sctp.clients.peer.path-max-retransmissions=3",
                        "sctp.clients.peer.send-timeout=2s", "sctp.clients.peer.connect-timeout=1s",
                        "sctp.clients.peer.reconnect.initial-delay=100ms",
                        "sctp.clients.peer.reconnect.max-delay=1s", "sctp.clients.peer.reconnect.jitter=0ms")) {
            EventLog events = app.getBean(EventLog.class);
            await().atMost(TIMEOUT).until(() -> ReliabilityClient.health(app).getStatus().equals(Status.UP));
            Callers callers = new Callers(app.getBean("peerOutbound", MessageChannel.class));
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                Thread t = new Thread(callers, "gateway-caller-" + i);
                threads.add(t);
                t.start();
            }
            try {
                await().atMost(TIMEOUT).until(() -> callers.replied.size() >= 500);

                int mark = peer.mark();
                long crashedAt = System.nanoTime();
                lab.cut(1);
                // what the peer read before it went silent; its replies to the last of these may be lost in the cut
                long readByPeer = peer.awaitIdle(mark, TIMEOUT);
                peer.kill();
                await().atMost(TIMEOUT).untilAsserted(() -> assertThat(events.since(crashedAt,
                        SctpAssociationLostEvent.class)).as("events %s", events.names()).hasSize(1));
                long lostAt = crashedAt + events.millisTo(crashedAt, SctpAssociationLostEvent.class, e -> true)
                        * 1_000_000;
                int repliedBeforeLoss = callers.replied.size();
                // while the peer is gone, requests fail at once or within the connect timeout
                long failedAtLoss = callers.failed.size();
                await().atMost(TIMEOUT).until(() -> callers.failed.size() >= failedAtLoss + 2L * CALLERS);
                callers.stop.set(true);
                for (Thread t : threads) {
                    t.join(TIMEOUT.toMillis());
                    assertThat(t.isAlive()).as("caller %s ended", t.getName()).isFalse();
                }

                long made = callers.made.get();
                int replied = callers.replied.size();
                int failed = callers.failed.size();
                List<Long> failureTimes = callers.failedAt.values().stream().map(at -> (at - crashedAt) / 1_000_000)
                        .sorted().toList();
                System.out.printf("FIGURE StarterGatewayCrashTests: %d callers, requests %d = replies %d + failed back"
                        + " with their payload %d (at %s ms after the cut; the loss detected after %d ms);"
                        + " the peer read %d requests, %d of them unanswered (replies lost in the cut); replies"
                        + " before the loss %d; wrong replies %d, no reply %d, failures without payload %d,"
                        + " timeouts %d, other errors %d%n", CALLERS, made, replied, failed, failureTimes,
                        (lostAt - crashedAt) / 1_000_000, readByPeer, readByPeer - repliedBeforeLoss,
                        repliedBeforeLoss, callers.wrongReply.get(), callers.noReply.get(),
                        callers.withoutPayload.get(), callers.timedOut.get(), callers.other.get());
                assertThat(callers.wrongReply.get()).as("replies that were not the request's").isZero();
                assertThat(callers.noReply.get()).as("requests that returned without reply or error").isZero();
                assertThat(callers.withoutPayload.get()).as("failures without the request").isZero();
                assertThat(callers.other.get()).as("other errors").isZero();
                assertThat(callers.timedOut.get()).as("requests that failed by the reply timeout").isZero();
                assertThat(replied).as("replies after the loss").isEqualTo(repliedBeforeLoss);
                // every number handed out was answered or failed, exactly once
                assertThat((long) replied + failed).as("replies + failures").isEqualTo(made);
                Set<Long> both = ConcurrentHashMap.newKeySet();
                both.addAll(callers.replied);
                both.retainAll(callers.failed);
                assertThat(both).as("requests both answered and failed").isEmpty();
                // the peer echoes what it reads, so each reply is a request it read; a request it read whose reply
                // the cut dropped was waiting at the crash: at most one per caller
                assertThat(readByPeer).as("requests the peer read").isBetween((long) replied, (long) replied + CALLERS);
            } finally {
                callers.stop.set(true);
                for (Thread t : threads) {
                    t.join(TIMEOUT.toMillis());
                }
            }
        }
    }

    /** Callers of the gateway: each sends numbered requests one after the other and records how each ended. */
    private static final class Callers implements Runnable {

        private final MessagingTemplate template = new MessagingTemplate();
        private final MessageChannel outbound;
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong made = new AtomicLong();
        final Set<Long> replied = ConcurrentHashMap.newKeySet();
        final Set<Long> failed = ConcurrentHashMap.newKeySet();
        final ConcurrentHashMap<Long, Long> failedAt = new ConcurrentHashMap<>();
        final AtomicInteger wrongReply = new AtomicInteger();
        final AtomicInteger noReply = new AtomicInteger();
        final AtomicInteger withoutPayload = new AtomicInteger();
        final AtomicInteger timedOut = new AtomicInteger();
        final AtomicInteger other = new AtomicInteger();

        Callers(MessageChannel outbound) {
            this.outbound = outbound;
            template.setReceiveTimeout(TIMEOUT.toMillis());
        }

        @Override
        public void run() {
            while (!stop.get()) {
                long n = made.getAndIncrement();
                byte[] request = TallySink.number((int) n, SIZE);
                try {
                    Message<?> reply = template.sendAndReceive(outbound, MessageBuilder.withPayload(request).build());
                    if (reply == null) {
                        noReply.incrementAndGet();
                    } else if (reply.getPayload() instanceof byte[] bytes && Arrays.equals(bytes, request)) {
                        replied.add(n);
                    } else {
                        wrongReply.incrementAndGet();
                    }
                } catch (MessageTimeoutException e) {
                    timedOut.incrementAndGet();
                } catch (MessagingException e) {
                    Message<?> back = e.getFailedMessage();
                    if (back != null && back.getPayload() instanceof byte[] bytes && Arrays.equals(bytes, request)) {
                        failed.add(n);
                        failedAt.put(n, System.nanoTime());
                    } else {
                        withoutPayload.incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    other.incrementAndGet();
                }
            }
        }
    }
}
