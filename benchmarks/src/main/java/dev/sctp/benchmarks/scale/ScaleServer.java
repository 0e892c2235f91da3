package dev.sctp.benchmarks.scale;

import dev.sctp.ReceiveInfo;
import dev.sctp.SctpAddress;
import dev.sctp.SctpServerSocket;
import dev.sctp.SctpSocket;
import dev.sctp.SendInfo;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import dev.sctp.integration.dsl.Sctp;
import dev.sctp.integration.test.SctpTestUtils;
import dev.sctp.internal.linux.NativeBuffer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.messaging.MessageHeaders;

/**
 * The measured process of the scale benchmark: an SCTP echo server on 127.0.0.1, either sctp-core's
 * {@link SctpServerSocket} with one blocking handler per association, or the Spring path (an
 * {@link SctpServerAssociationFactory}, an inbound gateway and a service activator that returns the payload).
 *
 * <p>{@code java ... ScaleServer core|spring MAX_MESSAGE} prints {@code port P}, then answers commands on stdin:
 * {@code stats} prints one line of what this process holds (see {@link #stats()}); {@code count} prints
 * {@code count associations=N rss=B osThreads=N} without collecting garbage; {@code diag} writes where its
 * memory is to stderr (see {@link MemoryDiagnostics}) and prints {@code diag done}; {@code quit} exits.
 */
public final class ScaleServer {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final LongAdder ECHOED = new LongAdder();

    private ScaleServer() {
    }

    /** The echo server of one stack. */
    interface Stack extends AutoCloseable {
        int port() throws IOException;

        int associations();

        /** Threads this stack starts per association: "virtual", "platform" or a description. */
        String handlerThreads();

        @Override
        void close();
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: ScaleServer core|spring MAX_MESSAGE");
            System.exit(2);
        }
        int maxMessage = Integer.parseInt(args[1]);
        try (Stack stack = "spring".equals(args[0]) ? new SpringStack() : new CoreStack(maxMessage)) {
            System.out.println("port " + stack.port());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null; ) {
                if (line.equals("stats")) {
                    System.out.println(stats() + " associations=" + stack.associations() + " handlers="
                            + stack.handlerThreads());
                } else if (line.equals("count")) {
                    // Cheap, no GC: polled while the associations come in. stats collects garbage up to five times,
                    // which with 10,000 platform threads took the CPU the accept loop needed.
                    Map<String, String> status = procStatus();
                    System.out.println("count associations=" + stack.associations() + " rss="
                            + kib(status.get("VmRSS")) * 1024 + " osThreads=" + status.get("Threads"));
                } else if (line.equals("diag")) {
                    System.err.print(MemoryDiagnostics.report());
                    System.err.flush();
                    System.out.println("diag done");
                } else if (line.equals("quit")) {
                    break;
                } else {
                    System.out.println("error unknown command " + line);
                }
                System.out.flush();
            }
        }
        System.exit(0);
    }

    /**
     * Collects garbage until the heap stops shrinking, then returns
     * {@code heap=B rss=B osThreads=N pollers=N native=B nativeBuffers=N echoed=N}: heap used after GC, the resident
     * set (see {@link #residentBytes()}), the
     * kernel's thread count of this process (platform threads only: virtual threads are not OS threads), the live
     * {@code sctp-poller-*} threads, and the library's live native buffers.
     */
    static String stats() throws IOException {
        var memory = ManagementFactory.getMemoryMXBean();
        long heap = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            long used = memory.getHeapMemoryUsage().getUsed();
            if (used >= heap - 64 * 1024) {
                heap = Math.min(heap, used);
                break;
            }
            heap = used;
        }
        Map<String, String> status = procStatus();
        long pollers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("sctp-poller-")).count();
        return String.format(Locale.ROOT, "stats heap=%d rss=%d osThreads=%s pollers=%d native=%d nativeBuffers=%d "
                        + "echoed=%d", heap, residentBytes(), status.get("Threads"), pollers,
                NativeBuffer.liveBytes(), NativeBuffer.liveBuffers(), ECHOED.sum());
    }

    /**
     * The resident set from /proc/self/smaps_rollup, which walks the page tables. Not VmRSS: before Linux 6.2 each
     * thread counts its own page faults and adds them to VmRSS only every 64 faults or when it exits, so a thread
     * that touched its ~92 KiB of stack and then waits is missing from it. At 10,000 idle platform threads (Java 17,
     * kernel 6.1) VmRSS said 385 MiB where smaps_rollup said 1,738 MiB.
     */
    static long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/smaps_rollup"))) {
            if (line.startsWith("Rss:")) {
                return Long.parseLong(line.substring(4).trim().split("\\s+")[0]) * 1024;
            }
        }
        throw new IOException("no Rss line in /proc/self/smaps_rollup");
    }

    private static Map<String, String> procStatus() throws IOException {
        Map<String, String> fields = new java.util.HashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return fields;
    }

    private static long kib(String value) {
        return value == null ? -1 : Long.parseLong(value.split("\\s+")[0]);
    }

    /**
     * sctp-core alone: one blocking echo loop per association, on a virtual thread if any. The accept loop only
     * accepts and queues; a second thread starts the handlers. Starting a platform thread (Java 17) took long enough
     * at 10,000 that an accept loop which started each one itself fell more than the listen backlog behind the
     * client's connects (1,815 refused at 10,000), which measured thread creation instead of the server.
     */
    static final class CoreStack implements Stack {
        private final SctpServerSocket server;
        private final int maxMessage;
        private final AtomicInteger open = new AtomicInteger();
        private final BlockingQueue<SctpSocket> accepted = new LinkedBlockingQueue<>();
        private final Thread acceptor;
        private final Thread starter;

        CoreStack(int maxMessage) throws IOException {
            this.maxMessage = maxMessage;
            server = SctpServerSocket.bind(SctpAddress.parse("127.0.0.1:0"));
            starter = new Thread(this::startLoop, "scale-handler-starter");
            starter.setDaemon(true);
            starter.start();
            acceptor = new Thread(this::acceptLoop, "scale-acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void acceptLoop() {
            while (!server.isClosed()) {
                try {
                    accepted.add(server.accept());
                } catch (IOException e) {
                    if (!server.isClosed()) {
                        e.printStackTrace();
                    }
                    return;
                }
            }
        }

        private void startLoop() {
            try {
                while (true) {
                    SctpSocket association = accepted.take();
                    // Counted once its handler exists, so "holds N" means N handlers are waiting in receive.
                    open.incrementAndGet();
                    HandlerThreads.start(() -> echo(association));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        // The zero-allocation path: a direct buffer and a ReceiveInfo per association, reused for every message.
        private void echo(SctpSocket association) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(maxMessage);
            ReceiveInfo info = new ReceiveInfo();
            try (association) {
                while (true) {
                    buffer.clear();
                    int n = association.receive(buffer, info);
                    if (n < 0) {
                        return;
                    }
                    if (n == 0 || !info.isComplete()) {
                        continue; // a notification, or a message larger than the benchmark sends: not echoed
                    }
                    buffer.flip();
                    association.send(buffer, SendInfo.DEFAULT, info.streamId(), info.ppid());
                    ECHOED.increment();
                }
            } catch (IOException e) {
                if (!server.isClosed()) {
                    System.err.println("association ended: " + e);
                }
            } finally {
                open.decrementAndGet();
            }
        }

        @Override
        public int port() throws IOException {
            return server.localAddress().port();
        }

        @Override
        public int associations() {
            return open.get();
        }

        @Override
        public String handlerThreads() {
            return HandlerThreads.KIND + "-per-association";
        }

        @Override
        public void close() {
            server.close();
            starter.interrupt();
        }
    }

    /** The Spring path as the starter wires it: server factory, inbound gateway, a service activator. */
    static final class SpringStack implements Stack {
        private final AnnotationConfigApplicationContext context;
        private final SctpServerAssociationFactory factory;

        SpringStack() {
            context = new AnnotationConfigApplicationContext(Server.class);
            factory = context.getBean("scaleServer", SctpServerAssociationFactory.class);
            SctpTestUtils.waitListening(factory, TIMEOUT);
        }

        @Override
        public int port() {
            return factory.getPort();
        }

        @Override
        public int associations() {
            return factory.getOpenAssociationCount();
        }

        @Override
        public String handlerThreads() {
            return "spring-readers-" + HandlerThreads.KIND;
        }

        @Override
        public void close() {
            context.close();
        }
    }

    /** The server side of the Spring path. */
    @Configuration
    @EnableIntegration
    static class Server {

        @Bean
        SctpServerAssociationFactory scaleServer() {
            return Sctp.server("127.0.0.1:0").getObject();
        }

        @Bean
        IntegrationFlow echo(SctpServerAssociationFactory scaleServer) {
            return IntegrationFlow.from(Sctp.inboundGateway(scaleServer))
                    .handle((byte[] payload, MessageHeaders headers) -> {
                        ECHOED.increment();
                        return payload;
                    })
                    .get();
        }
    }
}
