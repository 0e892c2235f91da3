package dev.sctp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sctp.internal.linux.FileDescriptor;
import dev.sctp.notification.AssociationChange;
import dev.sctp.notification.NotificationType;
import dev.sctp.test.AssociationPair;
import dev.sctp.test.RequiresSctp;
import dev.sctp.test.ThreadStates;
import java.net.ConnectException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Closing from any thread, interrupts, the kernel's ABORT on unread data, and the explicit graceful close. */
@RequiresSctp
class CloseTest {

    private static final Duration TIMEOUT = AssociationPair.TIMEOUT;

    @Test
    void closeFromAnotherThreadUnblocksAReader() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0")) {
            CompletableFuture<Throwable> reader = failureOf(() ->
                    pair.accepted().receive(new byte[8], 0, 8, new ReceiveInfo()));
            awaitParked(reader);
            pair.accepted().close();
            assertThat(reader.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(AsynchronousCloseException.class);
            assertThatThrownBy(() -> pair.accepted().receive(new byte[8], 0, 8, new ReceiveInfo()))
                    .isInstanceOf(ClosedChannelException.class);
        }
    }

    @Test
    void closeUnblocksAReaderAndAWriterTogether() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0")) {
            SctpSocket socket = pair.client();
            CompletableFuture<Throwable> reader = failureOf(() -> socket.receive(new byte[8], 0, 8, new ReceiveInfo()));
            CompletableFuture<Throwable> writer = failureOf(() -> {
                byte[] chunk = new byte[8192];
                while (true) {
                    socket.send(chunk, SendInfo.DEFAULT); // the peer never reads, so this ends up waiting
                }
            });
            awaitParked(reader);
            awaitParked(writer);
            socket.close();
            assertThat(reader.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(ClosedChannelException.class);
            assertThat(writer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(ClosedChannelException.class);
        }
    }

    @Test
    void closingTheListenerUnblocksAccept() throws Exception {
        SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse("127.0.0.1:0"));
        CompletableFuture<Throwable> acceptor = failureOf(server::accept);
        awaitParked(acceptor);
        server.close();
        assertThat(acceptor.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(AsynchronousCloseException.class);
        server.close(); // idempotent
        assertThat(server.isClosed()).isTrue();
    }

    @Test
    void aClosedListenerRefusesAssociationsWhileAnotherCallStillHoldsItsFd() throws Exception {
        int owned = FileDescriptor.openCount();
        SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse("127.0.0.1:0"));
        SctpAddress address = server.localAddress();
        FileDescriptor fd = server.linux().fileDescriptor();
        fd.acquire(); // as a system call in flight on another thread does: the real close(2) waits for it
        try {
            server.close();
            assertThat(FileDescriptor.openCount()).as("close(2) deferred while the call holds the fd")
                    .isEqualTo(owned + 1);
            assertThatThrownBy(() -> SctpSocket.dial(address, TIMEOUT).close()).isInstanceOf(ConnectException.class);
        } finally {
            fd.release();
        }
        assertThat(FileDescriptor.openCount()).as("fds owned by the library").isEqualTo(owned);
    }

    @Test
    void closingTheListenerUnblocksEveryAcceptWaitingWithoutATimeout() throws Exception {
        SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse("127.0.0.1:0"));
        List<CompletableFuture<Throwable>> acceptors = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            acceptors.add(failureOf(() -> server.accept().close()));
        }
        for (CompletableFuture<Throwable> acceptor : acceptors) {
            awaitParked(acceptor);
        }
        // one association arrives: exactly one acceptor gets it, the others keep waiting
        try (SctpSocket client = SctpSocket.dial(server.localAddress(), TIMEOUT)) {
            // (no send: the acceptor that gets the association closes it at once)
            CompletableFuture.anyOf(acceptors.toArray(CompletableFuture[]::new))
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            server.close();
            int accepted = 0;
            for (CompletableFuture<Throwable> acceptor : acceptors) {
                Throwable failure = acceptor.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                if (failure == null) {
                    accepted++;
                } else {
                    assertThat(failure).isInstanceOfAny(AsynchronousCloseException.class,
                            ClosedChannelException.class);
                }
            }
            assertThat(accepted).isEqualTo(1);
        }
    }

    @Test
    void closeWithLingerReturnsOnceTheShutdownCompletesAndThePeerHasEverything() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0")) {
            pair.client().setOption(SctpOptions.SO_LINGER, 10);
            assertThat(pair.client().getOption(SctpOptions.SO_LINGER)).isEqualTo(10);
            for (int i = 0; i < 50; i++) {
                pair.client().send(new byte[1024], SendInfo.DEFAULT);
            }
            long start = System.nanoTime();
            pair.client().close();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            pair.accepted().setReadTimeout(TIMEOUT);
            byte[] buffer = new byte[2048];
            int messages = 0;
            while (pair.accepted().receive(buffer, 0, buffer.length, new ReceiveInfo()) > 0) {
                messages++;
            }
            assertThat(messages).isEqualTo(50);
        }
    }

    @Test
    void closeWithLingerWaitsParkedForAPeerThatDoesNotAnswerAndGivesUpAfterTheTime() throws Exception {
        String peerHost = "127.0.0.11"; // loopback, not on lo: black-holing it cuts only this association
        try (SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse(peerHost + ":0"));
                SctpSocket client = SctpSocket.dial(server.localAddress(), TIMEOUT);
                SctpSocket accepted = server.accept(TIMEOUT)) {
            client.setOption(SctpOptions.SO_LINGER, 2);
            try (AutoCloseable cut = dev.sctp.test.Blackhole.drop(peerHost)) {
                client.send(new byte[] {1}, SendInfo.DEFAULT); // never acknowledged, so SHUTDOWN cannot complete
                long start = System.nanoTime();
                Thread closer = new Thread(client::close, "lingering-close");
                closer.start();
                Thread.sleep(500);
                // Parked in Java, not stuck inside close(2): a thread in a native call reports RUNNABLE all along,
                // this one sleeps between short SCTP_STATUS checks, so sampling soon finds it waiting.
                boolean parked = false;
                for (int i = 0; i < 50 && !parked; i++) {
                    parked = closer.getState() == Thread.State.TIMED_WAITING;
                    Thread.sleep(7);
                }
                assertThat(parked).as("the lingering close was seen parked").isTrue();
                closer.join(TIMEOUT.toMillis());
                assertThat(closer.isAlive()).isFalse();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1900),
                        Duration.ofSeconds(10));
                assertThat(client.isClosed()).isTrue();
            }
        }
    }

    @Test
    void interruptingABlockedReaderClosesTheSocket() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0")) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread reader = new Thread(() -> {
                try {
                    pair.accepted().receive(new byte[8], 0, 8, new ReceiveInfo());
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            reader.start();
            Thread.sleep(200);
            reader.interrupt();
            reader.join(TIMEOUT.toMillis());
            assertThat(failure.get()).isInstanceOf(ClosedByInterruptException.class);
            assertThat(pair.accepted().isClosed()).isTrue();
        }
    }

    @Test
    void closeWithUnreadDataAbortsTheAssociationAsTheKernelDoes() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0")) {
            pair.accepted().subscribe(NotificationType.ASSOC_CHANGE, NotificationType.SHUTDOWN_EVENT);
            pair.accepted().send("never read".getBytes(UTF_8), SendInfo.DEFAULT);
            HotPathTest.awaitAllAcknowledged(pair.accepted()); // acknowledged: it sits in the client's queue
            pair.client().close();

            List<Object> seen = new ArrayList<>();
            ReceiveInfo info = new ReceiveInfo();
            pair.accepted().setReadTimeout(TIMEOUT);
            try {
                while (pair.accepted().receive(new byte[64], 0, 64, info) >= 0) {
                    seen.add(info.notification());
                }
            } catch (SctpAssociationAbortedException e) {
                seen.add(e);
            }
            assertThat(seen).anyMatch(n -> n instanceof SctpAssociationAbortedException
                    || n instanceof AssociationChange c && c.state() == AssociationChange.State.COMM_LOST);
            assertThat(seen).noneMatch(n -> n instanceof dev.sctp.notification.Shutdown);
        }
    }

    @Test
    void closeDiscardingUnreadDropsTheUnreadDataAndShutsDownGracefully() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0")) {
            pair.accepted().subscribe(NotificationType.ASSOC_CHANGE, NotificationType.SHUTDOWN_EVENT);
            pair.accepted().send("never read".getBytes(UTF_8), SendInfo.DEFAULT);
            pair.accepted().send("nor this".getBytes(UTF_8), SendInfo.DEFAULT);
            HotPathTest.awaitAllAcknowledged(pair.accepted());
            assertThat(pair.client().closeDiscardingUnread()).isEqualTo(18);
            assertThat(pair.client().isClosed()).isTrue();
            assertThat(pair.client().closeDiscardingUnread()).isZero(); // idempotent

            List<Object> seen = new ArrayList<>();
            ReceiveInfo info = new ReceiveInfo();
            pair.accepted().setReadTimeout(TIMEOUT);
            while (pair.accepted().receive(new byte[64], 0, 64, info) >= 0) {
                seen.add(info.notification());
            }
            assertThat(seen).noneMatch(n -> n instanceof AssociationChange c
                    && c.state() == AssociationChange.State.COMM_LOST);
            assertThat(seen).anyMatch(n -> n instanceof dev.sctp.notification.Shutdown);
        }
    }

    @Test
    void closeIsIdempotentAndLaterCallsFailAsClosed() throws Exception {
        try (AssociationPair pair = AssociationPair.open("127.0.0.1:0")) {
            pair.client().close();
            pair.client().close();
            assertThat(pair.client().isClosed()).isTrue();
            assertThatThrownBy(() -> pair.client().send(new byte[1], SendInfo.DEFAULT))
                    .isInstanceOf(ClosedChannelException.class);
            assertThatThrownBy(() -> pair.client().getOption(SctpOptions.NODELAY))
                    .isInstanceOf(ClosedChannelException.class);
        }
    }

    interface Action {
        void run() throws Exception;
    }

    private final Map<CompletableFuture<Throwable>, Thread> threads = new ConcurrentHashMap<>();

    private CompletableFuture<Throwable> failureOf(Action action) {
        CompletableFuture<Throwable> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                action.run();
                result.complete(null);
            } catch (Throwable e) {
                result.complete(e);
            }
        });
        threads.put(result, thread);
        thread.start();
        return result;
    }

    /** Waits until the thread behind {@code call} is parked (in the poller's wait or on a lock), not just started. */
    private void awaitParked(CompletableFuture<Throwable> call) throws InterruptedException {
        Thread.State state = ThreadStates.await(threads.get(call), TIMEOUT, Thread.State.WAITING,
                Thread.State.TIMED_WAITING);
        assertThat(call).isNotDone();
        assertThat(state).isIn(Thread.State.WAITING, Thread.State.TIMED_WAITING);
    }

    @Test
    void theListenersPortCanBeBoundAgainRightAfterAGracefulServerStop() throws Exception {
        int port;
        try (SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse("127.0.0.1:0"))) {
            port = server.localAddress().port();
        }
        SctpAddress address = SctpAddress.parse("127.0.0.1:" + port);
        for (int round = 0; round < 10; round++) {
            SctpServerSocket server = SctpServerSocket.bind(address);
            SctpSocket client = SctpSocket.dial(address, TIMEOUT);
            SctpSocket accepted = server.accept();
            accepted.setReadTimeout(TIMEOUT);
            client.setReadTimeout(TIMEOUT);
            server.close();
            accepted.shutdownOutput();
            assertThat(client.receive(new byte[8], 0, 8, new ReceiveInfo())).isEqualTo(-1);
            client.close();
            assertThat(accepted.receive(new byte[8], 0, 8, new ReceiveInfo())).isEqualTo(-1);
            accepted.close();
            // a client reconnecting meanwhile is refused
            assertThatThrownBy(() -> SctpSocket.dial(address, TIMEOUT)).isInstanceOf(ConnectException.class);
        }
        SctpServerSocket.bind(address).close();
    }
}
