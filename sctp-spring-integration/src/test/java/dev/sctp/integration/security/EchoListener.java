package dev.sctp.integration.security;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.sctp.integration.Harness;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import dev.sctp.integration.inbound.SctpInboundGateway;
import java.util.function.Consumer;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.handler.MessageProcessor;
import org.springframework.integration.handler.ServiceActivatingHandler;
import org.springframework.messaging.Message;

/**
 * The listener the security tests attack: a server factory whose inbound gateway sends every message back on its
 * association, so a well-behaved peer (the {@code pinger} of {@code hostile_peer.py}, or a client of the test's own)
 * can show that it is still served.
 */
final class EchoListener {

    private EchoListener() {
    }

    /**
     * Starts a listener on {@code address}, configured by {@code setup} (limits, observers), and waits until it
     * listens.
     *
     * @param delivered told of each message as it is delivered, before it is echoed
     */
    static SctpServerAssociationFactory start(Harness harness, String address,
            Consumer<SctpServerAssociationFactory> setup, Consumer<Message<?>> delivered) {
        SctpServerAssociationFactory server = harness.server(address, setup);
        DirectChannel requests = new DirectChannel();
        requests.subscribe(new ServiceActivatingHandler((MessageProcessor<Object>) m -> {
            delivered.accept(m);
            return m.getPayload();
        }));
        SctpInboundGateway gateway = new SctpInboundGateway();
        gateway.setAssociationFactory(server);
        gateway.setRequestChannel(requests);
        harness.endpoint(gateway).start();
        return Harness.started(server);
    }

    /** Returns the payload of a delivered message as text. */
    static String text(Message<?> message) {
        return new String((byte[]) message.getPayload(), UTF_8);
    }
}
