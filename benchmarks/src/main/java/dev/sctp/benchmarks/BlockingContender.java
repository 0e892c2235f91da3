package dev.sctp.benchmarks;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * The one-way and ping-pong loops for implementations with blocking send and receive calls (this library and the
 * JDK), so both run literally the same code around their own send and receive: a sender or pinger on the calling
 * thread, a counter or echoer on a second thread.
 */
abstract class BlockingContender implements Contender {

    /** How long to wait for the receiving thread after the marker; a healthy run needs milliseconds. */
    private static final long JOIN_MILLIS = TimeUnit.SECONDS.toMillis(120);

    /**
     * One end of an association with its own reusable buffers; one thread uses it at a time.
     */
    interface Endpoint {

        /** Sends the first {@code length} bytes of a prepared payload as one message. */
        void send(int length) throws IOException;

        /** Receives one whole message and returns its length. */
        int receive() throws IOException;

        /** Sends back the message {@link #receive()} just returned, from the receive buffer. */
        void echo(int length) throws IOException;

        /** Sends what an end that batches its sends still holds; a no-op for ends that send at once. */
        default void flush() throws IOException {
        }
    }

    /**
     * An established association.
     *
     * @param client the dialling end, which sends (one-way) or pings (ping-pong)
     * @param server the accepted end, which counts or echoes
     * @param resources closes the sockets, the listener included
     */
    record Association(Endpoint client, Endpoint server, Resources resources) implements AutoCloseable {

        @Override
        public void close() throws IOException {
            resources.close();
        }
    }

    /** Closes what {@link #open} opened. */
    interface Resources {
        void close() throws IOException;
    }

    /** Opens one association on loopback with the contender's options, payloads of {@code size} bytes. */
    abstract Association open(int size) throws IOException;

    @Override
    public Results measure(Plan plan) throws Exception {
        Results results = new Results();
        try (Association association = open(plan.messageSize())) {
            prime(association, plan.messageSize());
            for (int i = 0; plan.messages() > 0 && i < plan.warmups() + plan.iterations(); i++) {
                Results.OneWay run = oneWay(association, plan);
                if (i >= plan.warmups()) {
                    results.add(run);
                }
            }
            for (int i = 0; plan.rounds() > 0 && i < plan.warmups() + plan.iterations(); i++) {
                Results.PingPong run = pingPong(association, plan);
                if (i >= plan.warmups()) {
                    results.add(run);
                }
            }
        }
        return results;
    }

    /**
     * Sends one message each way before the measured runs, outside their windows: the first receive on a socket sets
     * up state it keeps for the association's life (sctp-core allocates its read-ahead then, 272 heap bytes per
     * socket), a constant of the association that must not show up in the per-message figures of a run.
     */
    private static void prime(Association association, int size) throws IOException {
        Endpoint client = association.client();
        Endpoint server = association.server();
        client.send(size);
        client.flush();
        int n = server.receive();
        server.echo(n);
        server.flush();
        if (client.receive() != size) {
            throw new IllegalStateException("priming: the echo of a " + size + "-byte message has another length");
        }
    }

    private static Results.OneWay oneWay(Association association, Plan plan) throws Exception {
        int size = plan.messageSize();
        long[] counted = new long[3]; // received, bytes, end time
        Worker counter = Worker.start("counter", () -> {
            Endpoint server = association.server();
            long received = 0;
            long bytes = 0;
            while (true) {
                int n = server.receive();
                if (n == Plan.MARKER_SIZE) {
                    break;
                }
                if (n != size) {
                    throw new IllegalStateException("one-way: a " + n + "-byte message arrived, expected " + size);
                }
                received++;
                bytes += n;
            }
            counted[0] = received;
            counted[1] = bytes;
            counted[2] = System.nanoTime();
        });
        Endpoint client = association.client();
        long cpu = Results.processCpuNanos();
        // inside the CPU window, so that reading the CPU time is not counted as allocation
        AllocationMeter allocation = AllocationMeter.start();
        long start = System.nanoTime();
        long deadline = start + plan.budgetNanos();
        long sent = 0;
        while (sent < plan.messages()) {
            client.send(size);
            sent++;
            // Reading the clock every 64 messages keeps it out of the per-message cost.
            if ((sent & 63) == 0 && System.nanoTime() > deadline) {
                break;
            }
        }
        client.send(Plan.MARKER_SIZE);
        counter.finish(JOIN_MILLIS); // the join orders the worker's writes to counted before our reads
        long allocated = AllocationMeter.stop(allocation, counter.allocated);
        cpu = cpu < 0 ? -1 : Results.processCpuNanos() - cpu;
        return new Results.OneWay(sent, counted[0], counted[1], counted[2] - start, cpu,
                allocated);
    }

    private static Results.PingPong pingPong(Association association, Plan plan) throws Exception {
        int size = plan.messageSize();
        Worker echoer = Worker.start("echoer", () -> {
            Endpoint server = association.server();
            while (true) {
                int n = server.receive();
                if (n == Plan.MARKER_SIZE) {
                    server.flush();
                    return;
                }
                server.echo(n);
            }
        });
        Endpoint client = association.client();
        long[] rtt = new long[plan.rounds()]; // once per run, so the loop itself allocates nothing
        long cpu = Results.processCpuNanos();
        // inside the CPU window, so that reading the CPU time is not counted as allocation
        AllocationMeter allocation = AllocationMeter.start();
        long start = System.nanoTime();
        long deadline = start + plan.budgetNanos();
        long t = start;
        int rounds = 0;
        while (rounds < plan.rounds()) {
            client.send(size);
            int n = client.receive();
            if (n != size) {
                throw new IllegalStateException("ping-pong: a " + n + "-byte echo arrived, expected " + size);
            }
            long now = System.nanoTime();
            rtt[rounds++] = now - t;
            t = now;
            if (now > deadline) {
                break;
            }
        }
        client.send(Plan.MARKER_SIZE);
        echoer.finish(JOIN_MILLIS);
        long allocated = AllocationMeter.stop(allocation, echoer.allocated);
        cpu = cpu < 0 ? -1 : Results.processCpuNanos() - cpu;
        return Results.PingPong.of(rtt, rounds, t - start, cpu, allocated);
    }

    /** A body that may throw, run on its own thread. */
    interface Body {
        void run() throws Exception;
    }

    /** A platform thread that hands back its failure on {@link #finish}. */
    private static final class Worker extends Thread {

        private final Body body;
        private volatile Throwable failure;
        // What the body allocated, counted by the thread itself: its count ends with it (see AllocationMeter).
        private volatile long allocated;

        private Worker(String name, Body body) {
            super(name);
            this.body = body;
            setDaemon(true);
        }

        static Worker start(String name, Body body) {
            Worker w = new Worker(name, body);
            w.start();
            return w;
        }

        @Override
        public void run() {
            long before = AllocationMeter.currentThread();
            try {
                body.run();
            } catch (Throwable t) {
                failure = t;
            } finally {
                allocated = AllocationMeter.currentThread() - before;
            }
        }

        /** Waits for the body to end and rethrows its failure. */
        void finish(long millis) throws Exception {
            join(millis);
            if (isAlive()) {
                throw new IllegalStateException(getName() + " did not finish within " + millis + " ms");
            }
            Throwable t = failure;
            if (t instanceof Exception e) {
                throw e;
            }
            if (t instanceof Error e) {
                throw e;
            }
        }
    }
}
