package dev.sctp.integration.security;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sctp.integration.Harness;
import dev.sctp.integration.connection.SctpClientAssociationFactory;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import dev.sctp.integration.event.SctpAssociationRejectedEvent;
import dev.sctp.integration.inbound.SctpInboundGateway;
import dev.sctp.integration.inbound.SctpReceivingChannelAdapter;
import dev.sctp.integration.outbound.SctpSendingMessageHandler;
import dev.sctp.test.RequiresSctp;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.handler.MessageProcessor;
import org.springframework.integration.handler.ServiceActivatingHandler;
import org.springframework.integration.support.MessageBuilder;

/**
 * Payloads never reach the logs at INFO or above: each error path that logs (a failed reply send, a handler that
 * throws, a message nobody listens for, an oversize message) is driven with a
 * distinctive payload, and every record logged at INFO or above, with its exceptions and their causes, is searched
 * for it. Logging here is commons-logging on java.util.logging, captured at the root logger.
 */
@RequiresSctp
class PayloadLoggingTest {

    private static final String MARKER = "PAYLOAD-MARKER-7f3a";

    private final Harness harness = new Harness();
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                StringWriter text = new StringWriter();
                text.append(record.getLevel().getName()).append(' ').append(String.valueOf(record.getMessage()));
                if (record.getParameters() != null) {
                    text.append(' ').append(List.of(record.getParameters()).toString());
                }
                if (record.getThrown() != null) {
                    text.append('\n');
                    record.getThrown().printStackTrace(new PrintWriter(text)); // causes and suppressed too
                }
                logged.add(text.toString());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLogs() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stop() {
        harness.close();
        Logger.getLogger("").removeHandler(capture);
    }

    private static byte[] payload(int repeat) {
        return (MARKER + " ").repeat(repeat).getBytes(UTF_8);
    }

    private SctpSendingMessageHandler sender(SctpClientAssociationFactory client) {
        SctpSendingMessageHandler handler = new SctpSendingMessageHandler();
        handler.setAssociationFactory(client);
        harness.endpoint(handler).start();
        return handler;
    }

    @Test
    void errorPathsLogNoPayloadAtInfoOrAbove() {
        AtomicInteger failures = new AtomicInteger();

        // a handler that throws, no error channel: the adapter logs the failure
        SctpServerAssociationFactory throwing = harness.server(f -> { });
        DirectChannel toThrowing = new DirectChannel();
        toThrowing.subscribe(message -> {
            failures.incrementAndGet();
            throw new IllegalStateException("the handler failed");
        });
        SctpReceivingChannelAdapter adapter = new SctpReceivingChannelAdapter();
        adapter.setAssociationFactory(throwing);
        adapter.setOutputChannel(toThrowing);
        harness.endpoint(adapter).start();
        sender(Harness.started(harness.client(f -> { }, Harness.addressOf(Harness.started(throwing)))))
                .handleMessage(MessageBuilder.withPayload(payload(1)).build());
        await().atMost(Harness.TIMEOUT).until(() -> failures.get() == 1);

        // a reply over the size limit, no error channel: the gateway cannot send it and logs why
        SctpServerAssociationFactory replying = harness.server(f -> f.setMaxMessageSize(64));
        DirectChannel requests = new DirectChannel();
        requests.subscribe(new ServiceActivatingHandler((MessageProcessor<Object>) m -> {
            failures.incrementAndGet();
            return payload(10);
        }));
        SctpInboundGateway gateway = new SctpInboundGateway();
        gateway.setAssociationFactory(replying);
        gateway.setRequestChannel(requests);
        harness.endpoint(gateway).start();
        sender(Harness.started(harness.client(f -> { }, Harness.addressOf(Harness.started(replying)))))
                .handleMessage(MessageBuilder.withPayload(payload(1)).build());
        await().atMost(Harness.TIMEOUT).until(() -> failures.get() == 2);

        // a message for a factory that has no listener: dropped with an error
        int errorsBefore = logged.size();
        SctpServerAssociationFactory deaf = Harness.started(harness.server(f -> { }));
        sender(Harness.started(harness.client(f -> { }, Harness.addressOf(deaf))))
                .handleMessage(MessageBuilder.withPayload(payload(1)).build());
        int deafBefore = errorsBefore;
        await().atMost(Harness.TIMEOUT).until(() -> logged.stream().skip(deafBefore)
                .anyMatch(line -> line.contains("has no listener")));

        // an oversize message: the association is aborted at the limit
        SctpServerAssociationFactory small = harness.server(f -> f.setMaxMessageSize(100));
        SctpReceivingChannelAdapter smallAdapter = new SctpReceivingChannelAdapter();
        smallAdapter.setAssociationFactory(small);
        smallAdapter.setOutputChannel(new DirectChannel());
        harness.endpoint(smallAdapter).start();
        SctpClientAssociationFactory toSmall = Harness.started(harness.client(f -> f.setReconnect(false),
                Harness.addressOf(Harness.started(small))));
        sender(toSmall).handleMessage(MessageBuilder.withPayload(payload(20)).build());
        await().atMost(Harness.TIMEOUT).until(() -> !harness.events(SctpAssociationRejectedEvent.class).isEmpty());

        assertThat(logged).as("records logged at INFO or above").isNotEmpty();
        assertThat(logged).as("the error paths were logged").anyMatch(line -> line.contains("the handler failed"))
                .anyMatch(line -> line.contains("maximum message size of 100 bytes"));
        assertThat(logged).noneMatch(line -> line.contains(MARKER));
    }
}
