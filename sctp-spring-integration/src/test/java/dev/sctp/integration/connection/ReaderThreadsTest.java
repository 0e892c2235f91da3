package dev.sctp.integration.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Reader threads are virtual where the JVM has them, daemon platform threads named after the factory otherwise. */
class ReaderThreadsTest {

    @Test
    void readerThreadsAreVirtualOnJava21AndNamedDaemonPlatformThreadsBefore() throws Exception {
        boolean virtual = Runtime.version().feature() >= 21;
        assertThat(ReaderThreads.virtual()).isEqualTo(virtual);
        AtomicReference<Thread> ran = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Thread thread = ReaderThreads.factory("f-reader-").newThread(() -> {
            ran.set(Thread.currentThread());
            done.countDown();
        });
        thread.start();
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ran.get()).isSameAs(thread);
        assertThat(thread.getName()).isEqualTo("f-reader-1");
        assertThat(thread.isDaemon()).isTrue(); // virtual threads are always daemon threads
        // Thread.isVirtual() exists from Java 21 only
        boolean isVirtual = virtual && (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
        assertThat(isVirtual).isEqualTo(virtual);
    }
}
