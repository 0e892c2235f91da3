package dev.sctp.boot.autoconfigure.app;

import dev.sctp.SctpAddress;
import dev.sctp.integration.connection.AbstractSctpAssociationFactory;
import dev.sctp.integration.connection.SctpAssociation;
import dev.sctp.integration.connection.SctpClientAssociationFactory;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import dev.sctp.integration.test.SctpTestUtils;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

/**
 * Real association factories on 127.0.0.1, built outside an application context, for tests of the meters and
 * indicators that observe them: the associations they hand out are kernel associations, not stand-ins. Closing the
 * loopback stops every factory it built.
 */
public final class Loopback implements AutoCloseable {

    /** Generous: the test VM is slow. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
    private final List<AbstractSctpAssociationFactory> built = new ArrayList<>();

    /**
     * A server factory on 127.0.0.1, port 0, named {@code name}, not started.
     *
     * @param name the bean name, for example {@code sctpListener-default}
     * @return the factory
     */
    public SctpServerAssociationFactory server(String name) {
        return init(new SctpServerAssociationFactory(SctpAddress.parse("127.0.0.1:0")), name);
    }

    /**
     * A started server factory on 127.0.0.1, port 0, named {@code name}, listening.
     *
     * @param name the bean name
     * @return the factory
     */
    public SctpServerAssociationFactory listening(String name) {
        SctpServerAssociationFactory server = server(name);
        server.start();
        SctpTestUtils.waitListening(server, TIMEOUT);
        return server;
    }

    /**
     * A client factory for {@code peer} that does not reconnect, named {@code name}, configured by {@code setup},
     * not started.
     *
     * @param name the bean name
     * @param peer the server's address
     * @param setup further settings
     * @return the factory
     */
    public SctpClientAssociationFactory client(String name, SctpAddress peer,
            Consumer<SctpClientAssociationFactory> setup) {
        SctpClientAssociationFactory client = new SctpClientAssociationFactory(peer);
        client.setConnectTimeout(TIMEOUT);
        client.setReconnect(false);
        setup.accept(client);
        return init(client, name);
    }

    /**
     * Connects one more client to {@code server} and returns the server's side of the new association.
     *
     * @param server a listening server from this loopback
     * @return the association the server accepted
     */
    public SctpAssociation accept(SctpServerAssociationFactory server) {
        List<String> before = server.getOpenAssociationIds();
        SctpClientAssociationFactory client = client("client" + built.size(), addressOf(server), c -> {
        });
        client.start();
        SctpTestUtils.waitConnected(client, TIMEOUT);
        SctpTestUtils.waitAssociations(server, before.size() + 1, TIMEOUT);
        return server.getAssociations().stream().filter(a -> !before.contains(a.getId())).findFirst()
                .orElseThrow();
    }

    /**
     * Returns the client factory of this loopback whose association is {@code serverSide}'s peer.
     *
     * @param serverSide an association a server of this loopback accepted
     * @return the client factory
     */
    public SctpClientAssociationFactory clientOf(SctpAssociation serverSide) {
        int port = serverSide.getRemoteAddress().port();
        return built.stream().filter(SctpClientAssociationFactory.class::isInstance)
                .map(SctpClientAssociationFactory.class::cast)
                .filter(c -> c.getAssociations().stream().anyMatch(a -> a.getLocalAddress().port() == port))
                .findFirst().orElseThrow();
    }

    /**
     * The server's bound address on 127.0.0.1.
     *
     * @param server a listening server
     * @return {@code 127.0.0.1:port}
     */
    public static SctpAddress addressOf(SctpServerAssociationFactory server) {
        return SctpAddress.parse("127.0.0.1:" + server.getPort());
    }

    private <F extends AbstractSctpAssociationFactory> F init(F factory, String name) {
        factory.setBeanName(name);
        factory.setBeanFactory(beanFactory);
        factory.setShutdownTimeout(Duration.ofSeconds(5));
        factory.afterPropertiesSet();
        built.add(factory);
        return factory;
    }

    @Override
    public void close() {
        for (int i = built.size() - 1; i >= 0; i--) {
            built.get(i).stop();
        }
    }
}
