package dev.sctp.demo;

import dev.sctp.boot.autoconfigure.metrics.SctpMetrics;
import dev.sctp.integration.connection.SctpAssociation;
import dev.sctp.integration.connection.SctpClientAssociationFactory;
import dev.sctp.integration.support.SctpHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * Sends a load through the {@link EchoGateway} and checks every reply: its payload must be the request upper-cased,
 * and it must come back on the request's stream with the request's PPID. Prints progress while it runs.
 */
@Component
public class LoadGenerator {

    private static final int MAX_ERROR_SAMPLES = 5;
    private static final String FILLER = " héllo sctp, multi-homed and multi-streamed;";

    private final EchoGateway gateway;
    private final SctpClientAssociationFactory client;
    private final ObjectProvider<SctpMetrics> metrics;
    private final ObjectProvider<MeterRegistry> registry;

    /**
     * Creates the generator.
     *
     * @param gateway the request/reply gateway of the client {@code echo}
     * @param client the client's association factory
     * @param metrics the starter's meters, polled for the srtt at the end (optional)
     * @param registry where the meters are (optional)
     */
    public LoadGenerator(EchoGateway gateway, @Qualifier("sctpClient-echo") SctpClientAssociationFactory client,
            ObjectProvider<SctpMetrics> metrics, ObjectProvider<MeterRegistry> registry) {
        this.gateway = gateway;
        this.client = client;
        this.metrics = metrics;
        this.registry = registry;
    }

    /**
     * Runs a load and returns its summary.
     *
     * @param mode the mode's name, for the summary
     * @param settings what to send
     * @param out where progress goes
     * @return the summary
     * @throws IllegalStateException if the association does not come up within the connect timeout, or has fewer
     *     streams than the settings ask for; the message says what to do
     * @throws InterruptedException if interrupted while waiting
     */
    public LoadSummary run(String mode, LoadSettings settings, PrintStream out) throws InterruptedException {
        SctpAssociation association = awaitAssociation(settings.connectTimeout());
        int streams = Math.min(association.getOutboundStreams(), association.getInboundStreams());
        if (settings.streams() > streams) {
            throw new IllegalStateException("demo.load.streams=" + settings.streams() + " is more than the " + streams
                    + " streams of association " + association.getId() + " to " + association.getRemoteAddress()
                    + ": use at most " + streams + ", or raise sctp.clients.echo.streams (and the server's)");
        }
        int n = settings.messages();
        long[] latencies = new long[n];
        AtomicLong next = new AtomicLong();
        AtomicLong right = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicIntegerArray perStream = new AtomicIntegerArray(settings.streams());
        List<String> samples = Collections.synchronizedList(new ArrayList<>());
        long period = settings.rate() == 0 ? 0 : 1_000_000_000L / settings.rate();
        long start = System.nanoTime();
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < settings.inFlight(); t++) {
            Thread sender = new Thread(() -> {
                long i;
                while ((i = next.getAndIncrement()) < n) {
                    if (period > 0) {
                        long wait = start + i * period - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                    }
                    int index = (int) i;
                    int stream = index % settings.streams();
                    byte[] request = request(index, stream, settings.size());
                    long t0 = System.nanoTime();
                    @Nullable String wrong;
                    try {
                        Message<byte[]> reply = gateway.exchange(request, stream, settings.ppid());
                        latencies[index] = System.nanoTime() - t0;
                        wrong = check(reply, request, stream, settings.ppid());
                    } catch (RuntimeException e) {
                        latencies[index] = System.nanoTime() - t0;
                        wrong = "request " + index + " on stream " + stream + " failed: " + e.getMessage();
                    }
                    if (wrong == null) {
                        right.incrementAndGet();
                        perStream.incrementAndGet(stream);
                    } else {
                        errors.incrementAndGet();
                        if (samples.size() < MAX_ERROR_SAMPLES) {
                            samples.add(wrong);
                        }
                    }
                }
            }, "demo-load-" + t);
            sender.setDaemon(true);
            senders.add(sender);
            sender.start();
        }
        long interval = settings.progressInterval().toNanos();
        long last = start;
        long lastDone = 0;
        for (Thread sender : senders) {
            while (sender.isAlive()) {
                sender.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(last + interval - System.nanoTime())));
                long now = System.nanoTime();
                if (now - last >= interval) {
                    long done = right.get() + errors.get();
                    out.printf(Locale.ROOT, "progress: %d/%d answered, %d errors, %.0f msg/s%n", done, n,
                            errors.get(), (done - lastDone) / ((now - last) / 1e9));
                    out.flush();
                    last = now;
                    lastDone = done;
                }
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        Arrays.sort(latencies);
        int used = 0;
        for (int s = 0; s < perStream.length(); s++) {
            used += perStream.get(s) > 0 ? 1 : 0;
        }
        return new LoadSummary(mode, settings, right.get(), errors.get(), elapsed, percentile(latencies, 50),
                percentile(latencies, 90), percentile(latencies, 99), latencies[n - 1], used, List.copyOf(samples),
                AssociationReport.of(association, srttMillis()));
    }

    /** Returns request {@code index}: exactly {@code size} bytes of UTF-8 text, with non-ASCII letters in it. */
    static byte[] request(int index, int stream, int size) {
        StringBuilder text = new StringBuilder(size).append("request ").append(index).append(" on stream ")
                .append(stream).append(':');
        byte[] bytes;
        while ((bytes = text.toString().getBytes(StandardCharsets.UTF_8)).length < size) {
            int missing = size - bytes.length;
            // 'é' takes two bytes: only while at least two are missing, so the length comes out exact
            char c = FILLER.charAt(text.length() % FILLER.length());
            text.append(c == 'é' && missing < 2 ? 'e' : c);
        }
        return bytes;
    }

    private static @Nullable String check(Message<byte[]> reply, byte[] request, int stream, int ppid) {
        byte[] expected = UppercaseHandler.upperCase(request);
        Object replyStream = reply.getHeaders().get(SctpHeaders.STREAM_ID);
        Object replyPpid = reply.getHeaders().get(SctpHeaders.PPID);
        if (!Arrays.equals(expected, reply.getPayload())) {
            return "wrong reply on stream " + stream + ": expected \"" + new String(expected, StandardCharsets.UTF_8)
                    + "\", got \"" + new String(reply.getPayload(), StandardCharsets.UTF_8) + "\"";
        }
        if (!(replyStream instanceof Number s) || s.intValue() != stream) {
            return "reply to a request on stream " + stream + " came on stream " + replyStream;
        }
        if (!(replyPpid instanceof Number p) || p.intValue() != ppid) {
            return "reply on stream " + stream + " has PPID " + replyPpid + ", the request had " + ppid;
        }
        return null;
    }

    private static long percentile(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private SctpAssociation awaitAssociation(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (SctpAssociation association : client.getAssociations()) {
                if (association.isOpen() && association.getOutboundStreams() > 0) {
                    return association;
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("No association to " + client.getPeers() + " within " + timeout
                        + " (demo.load.connect-timeout): is the server running there (scripts/demo serve), and does "
                        + "demo.target name its addresses and port?");
            }
            Thread.sleep(20);
        }
    }

    private double srttMillis() {
        SctpMetrics meters = metrics.getIfAvailable();
        MeterRegistry meterRegistry = registry.getIfAvailable();
        if (meters == null || meterRegistry == null) {
            return -1;
        }
        meters.poll();
        TimeGauge gauge = meterRegistry.find("sctp.srtt").tag("name", "echo").timeGauge();
        return gauge == null ? -1 : gauge.value(TimeUnit.MILLISECONDS);
    }
}
