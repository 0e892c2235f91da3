package dev.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.test.AssociationPair;
import dev.sctp.test.RequiresSctp;
import dev.sctp.test.ThreadStates;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Many threads blocked in receive at once must be parked in Java, not sitting in recvmsg: a parked thread reports
 * WAITING or TIMED_WAITING with {@code LockSupport.park} on top of its stack, while a thread blocked in a native
 * call reports RUNNABLE. On Java 21+ the readers are virtual threads, far more than there are carriers, and a parked
 * virtual thread must not be mounted on one (its {@code toString()} names the carrier while mounted); another virtual
 * thread must still get to run. On Java 17 the readers are platform threads and the same states are checked.
 */
@RequiresSctp
class VirtualThreadTest {

    // Far more than the carriers of the default scheduler (one per CPU), and quick to set up in a slow VM.
    private static final int READERS = 64;

    @Test
    void blockedReceivesParkWithoutHoldingACarrier() throws Exception {
        boolean virtual = Runtime.version().feature() >= 21;
        List<AssociationPair> pairs = new ArrayList<>();
        List<Thread> readers = new ArrayList<>();
        AtomicIntegerArray received = new AtomicIntegerArray(READERS);
        AtomicReferenceArray<Throwable> failures = new AtomicReferenceArray<>(READERS);
        CountDownLatch entered = new CountDownLatch(READERS);
        try (SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse("127.0.0.1:0"))) {
            try {
                for (int i = 0; i < READERS; i++) {
                    SctpSocket client = SctpSocket.dial(server.localAddress(), AssociationPair.TIMEOUT);
                    pairs.add(new AssociationPair(server, client, server.accept(AssociationPair.TIMEOUT)));
                }
                for (int i = 0; i < READERS; i++) {
                    int index = i;
                    SctpSocket socket = pairs.get(i).accepted();
                    Thread reader = newThread(virtual, () -> {
                        try {
                            byte[] buf = new byte[16];
                            socket.setReadTimeout(Duration.ofSeconds(120));
                            entered.countDown();
                            received.set(index, socket.receive(buf, 0, buf.length, new ReceiveInfo()));
                        } catch (Throwable e) {
                            failures.set(index, e);
                        }
                    });
                    reader.start();
                    readers.add(reader);
                }
                assertThat(entered.await(60, TimeUnit.SECONDS)).as("every reader started").isTrue();

                // A read timeout makes the wait a timed park; nothing has been sent, so every reader must park.
                for (Thread reader : readers) {
                    Thread.State state = ThreadStates.await(reader, AssociationPair.TIMEOUT,
                            Thread.State.TIMED_WAITING, Thread.State.WAITING);
                    assertThat(state).as("state of %s blocked in receive; stack:%n%s", reader, stack(reader))
                            .isIn(Thread.State.TIMED_WAITING, Thread.State.WAITING);
                }
                for (Thread reader : readers) {
                    List<String> frames = Arrays.stream(reader.getStackTrace())
                            .map(f -> f.getClassName() + "." + f.getMethodName()).collect(Collectors.toList());
                    assertThat(frames).as("stack of a blocked reader").anyMatch(f -> f.endsWith("LockSupport.parkNanos")
                            || f.endsWith("LockSupport.park"));
                    assertThat(frames).anyMatch(f -> f.startsWith("dev.sctp.SctpSocket.receive"));
                }
                if (virtual) {
                    // More readers than carriers (the default scheduler has one per CPU), none of them mounted,
                    // and a new virtual thread still runs to completion.
                    assertThat(READERS).isGreaterThan(Runtime.getRuntime().availableProcessors());
                    List<String> mounted = readers.stream().map(Thread::toString).filter(s -> s.contains("@"))
                            .collect(Collectors.toList());
                    assertThat(mounted).as("parked readers still mounted on a carrier").isEmpty();
                    CountDownLatch ran = new CountDownLatch(1);
                    newThread(true, ran::countDown).start();
                    assertThat(ran.await(30, TimeUnit.SECONDS)).as("another virtual thread ran").isTrue();
                }

                for (AssociationPair pair : pairs) {
                    pair.client().send(new byte[] {1, 2, 3}, SendInfo.DEFAULT);
                }
                for (int i = 0; i < READERS; i++) {
                    readers.get(i).join(TimeUnit.SECONDS.toMillis(60));
                    assertThat(failures.get(i)).as("reader %d failed", i).isNull();
                    assertThat(received.get(i)).as("bytes reader %d received", i).isEqualTo(3);
                }
            } finally {
                for (AssociationPair pair : pairs) {
                    pair.client().close();
                    pair.accepted().close();
                }
                for (Thread reader : readers) {
                    reader.join(TimeUnit.SECONDS.toMillis(10));
                }
            }
        }
    }

    private static String stack(Thread thread) {
        return Arrays.stream(thread.getStackTrace()).map(f -> "  at " + f).collect(Collectors.joining("\n"));
    }

    /** A virtual thread on Java 21+ ({@code Thread.ofVirtual().unstarted}, by reflection: the module targets 17). */
    private static Thread newThread(boolean virtual, Runnable task) throws ReflectiveOperationException {
        if (!virtual) {
            Thread thread = new Thread(task, "platform-reader");
            thread.setDaemon(true);
            return thread;
        }
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        Method unstarted = Class.forName("java.lang.Thread$Builder").getMethod("unstarted", Runnable.class);
        return (Thread) unstarted.invoke(builder, task);
    }
}
