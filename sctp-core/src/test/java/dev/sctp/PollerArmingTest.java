package dev.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.internal.linux.PollRegistration;
import dev.sctp.test.AssociationPair;
import dev.sctp.test.RequiresSctp;
import dev.sctp.test.ThreadStates;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The poller wakes only for sockets that someone waits on: readiness is armed one-shot by a wait and disarmed by
 * the event, so a receiver that keeps finding messages queued costs the poller thread nothing, and a reader and a
 * writer waiting on one socket each still get their own wake-up.
 */
@RequiresSctp
class PollerArmingTest {

    private static final Duration TIMEOUT = AssociationPair.TIMEOUT;

    @Test
    void messagesArrivingWhileNobodyWaitsRaiseNoInputReadinessAndAreReceivedWithoutWaiting() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0")) {
            PollRegistration poll = pair.accepted().linux().poll();
            int before = poll.readSeq();
            ByteBuffer out = ByteBuffer.allocateDirect(1024);
            int messages = 100; // 100 KiB: fits the default receive buffer, so every message is queued
            for (int i = 0; i < messages; i++) {
                out.clear();
                pair.client().send(out, SendInfo.DEFAULT, 0, i);
            }
            HotPathTest.awaitAllAcknowledged(pair.client()); // all of them are in the receiver's queue now
            assertThat(poll.readSeq()).as("input readiness events for messages nobody waited for")
                    .isEqualTo(before);
            pair.accepted().setReadTimeout(TIMEOUT);
            ByteBuffer in = ByteBuffer.allocateDirect(2048);
            ReceiveInfo info = new ReceiveInfo();
            for (int i = 0; i < messages; i++) {
                in.clear();
                assertThat(pair.accepted().receive(in, info)).isEqualTo(1024);
                assertThat(info.ppid()).isEqualTo(i);
            }
            assertThat(poll.readSeq()).as("input readiness events while receiving queued messages").isEqualTo(before);
            assertThat(poll.isReadArmed()).as("input armed although no receive waited").isFalse();
        }
    }

    @Test
    void aReceiveThatWaitsArmsInputAndTheArrivingMessageWakesItAndDisarmsIt() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0")) {
            PollRegistration poll = pair.accepted().linux().poll();
            pair.accepted().setReadTimeout(TIMEOUT);
            AtomicReference<Object> got = new AtomicReference<>();
            Thread receiver = new Thread(() -> {
                try {
                    byte[] in = new byte[64];
                    got.set(pair.accepted().receive(in, 0, in.length, new ReceiveInfo()));
                } catch (Throwable e) {
                    got.set(e);
                }
            }, "waiting-receiver");
            receiver.start();
            ThreadStates.await(receiver, TIMEOUT, Thread.State.WAITING, Thread.State.TIMED_WAITING);
            assertThat(poll.isReadArmed()).as("input armed while the receive waits").isTrue();
            pair.client().send(new byte[10], SendInfo.DEFAULT);
            receiver.join(TIMEOUT.toMillis());
            assertThat(got.get()).isEqualTo(10);
            assertThat(poll.isReadArmed()).as("input disarmed by the event that woke the receive").isFalse();
        }
    }

    @Test
    void aReaderAndAWriterWaitingOnOneSocketBothWakeWhenTheirReadinessArrivesOneAfterTheOther() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0")) {
            SctpSocket client = pair.client();
            PollRegistration poll = client.linux().poll();
            client.setReadTimeout(TIMEOUT);
            client.setWriteTimeout(TIMEOUT);
            int messages = 1000; // 8 MB: the peer reads nothing at first, so the sender has to wait
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread sender = new Thread(() -> {
                try {
                    byte[] chunk = new byte[8192];
                    for (int i = 0; i < messages; i++) {
                        client.send(chunk, SendInfo.DEFAULT);
                    }
                } catch (Throwable e) {
                    failure.set(e);
                }
            }, "waiting-sender");
            sender.start();
            ThreadStates.await(sender, TIMEOUT, Thread.State.WAITING, Thread.State.TIMED_WAITING);
            assertThat(poll.isWriteArmed()).as("output armed while the send waits").isTrue();
            AtomicReference<Object> got = new AtomicReference<>();
            Thread receiver = new Thread(() -> {
                try {
                    byte[] in = new byte[64];
                    got.set(client.receive(in, 0, in.length, new ReceiveInfo()));
                } catch (Throwable e) {
                    got.set(e);
                }
            }, "waiting-receiver");
            receiver.start();
            ThreadStates.await(receiver, TIMEOUT, Thread.State.WAITING, Thread.State.TIMED_WAITING);
            // Input fires first: the one-shot event disarms the whole fd, so output must be armed again for the
            // sender, who is still waiting.
            pair.accepted().send(new byte[5], SendInfo.DEFAULT);
            receiver.join(TIMEOUT.toMillis());
            assertThat(got.get()).as("the waiting receive").isEqualTo(5);
            assertThat(sender.isAlive()).as("sender still waiting for room").isTrue();
            pair.accepted().setReadTimeout(TIMEOUT);
            byte[] in = new byte[8192];
            ReceiveInfo info = new ReceiveInfo();
            for (int i = 0; i < messages; i++) {
                assertThat(pair.accepted().receive(in, 0, in.length, info)).isEqualTo(8192);
            }
            sender.join(TIMEOUT.toMillis());
            assertThat(failure.get()).as("the waiting send").isNull();
            assertThat(sender.isAlive()).isFalse();
            assertThat(poll.isWriteArmed()).isFalse();
        }
    }
}
