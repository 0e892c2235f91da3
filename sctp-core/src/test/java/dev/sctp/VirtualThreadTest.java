package dev.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.test.AssociationPair;
import dev.sctp.test.RequiresSctp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Many threads blocked in receive at once. On Java 21+ they are virtual threads: if a blocked call held its carrier
 * inside native code, a few carriers would be exhausted and the test would hang; on Java 17 it runs on platform
 * threads and checks the same delivery.
 */
@RequiresSctp
class VirtualThreadTest {

    @Test
    void hundredsOfBlockedReceivesDoNotHoldCarrierThreads() throws Exception {
        int associations = 200;
        List<AssociationPair> pairs = new ArrayList<>();
        ExecutorService executor = executor();
        try (SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse("127.0.0.1:0"))) {
            try {
                for (int i = 0; i < associations; i++) {
                    SctpSocket client = SctpSocket.dial(server.localAddress(), AssociationPair.TIMEOUT);
                    pairs.add(new AssociationPair(server, client, server.accept(AssociationPair.TIMEOUT)));
                }
                List<Future<Integer>> readers = new ArrayList<>();
                for (AssociationPair pair : pairs) {
                    readers.add(executor.submit(() -> {
                        byte[] buf = new byte[16];
                        pair.accepted().setReadTimeout(Duration.ofSeconds(60));
                        return pair.accepted().receive(buf, 0, buf.length, new ReceiveInfo());
                    }));
                }
                Thread.sleep(500); // every reader is parked by now
                for (AssociationPair pair : pairs) {
                    pair.client().send(new byte[] {1, 2, 3}, SendInfo.DEFAULT);
                }
                for (Future<Integer> reader : readers) {
                    assertThat(reader.get(60, TimeUnit.SECONDS)).isEqualTo(3);
                }
            } finally {
                for (AssociationPair pair : pairs) {
                    pair.client().close();
                    pair.accepted().close();
                }
            }
        } finally {
            executor.shutdownNow();
        }
    }

    private static ExecutorService executor() {
        try {
            // Executors.newVirtualThreadPerTaskExecutor() exists from Java 21; this module targets 17.
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (ReflectiveOperationException e) {
            return Executors.newCachedThreadPool();
        }
    }
}
