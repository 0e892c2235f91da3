package dev.sctp.boot.autoconfigure.health;

import dev.sctp.boot.autoconfigure.SctpEndpointNames;
import dev.sctp.integration.connection.AbstractSctpAssociationFactory;
import dev.sctp.integration.connection.SctpClientAssociationFactory;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;

/**
 * The {@code sctp} health contributor: {@code kernel} ({@link SctpKernelHealthIndicator}), {@code listeners} with
 * one {@link SctpListenerHealthIndicator} per listener, and {@code clients} with one
 * {@link SctpClientHealthIndicator} per client, each under its name.
 */
public class SctpHealthContributor implements CompositeHealthContributor {

    private final Supplier<List<AbstractSctpAssociationFactory>> factories;
    private volatile @Nullable CompositeHealthContributor delegate;

    /**
     * Creates the contributor for {@code factories}.
     *
     * @param factories the association factories of the application
     */
    public SctpHealthContributor(List<AbstractSctpAssociationFactory> factories) {
        this(() -> factories);
    }

    /**
     * Creates the contributor for the factories {@code factories} supplies when health is first asked for, after
     * start-up, so that factories registered late (by DSL flows) are included.
     *
     * @param factories supplies the association factories of the application
     */
    public SctpHealthContributor(Supplier<List<AbstractSctpAssociationFactory>> factories) {
        this.factories = factories;
    }

    private CompositeHealthContributor delegate() {
        CompositeHealthContributor current = delegate;
        if (current == null) {
            synchronized (this) {
                current = delegate;
                if (current == null) {
                    current = build(factories.get());
                    delegate = current;
                }
            }
        }
        return current;
    }

    private static CompositeHealthContributor build(List<AbstractSctpAssociationFactory> factories) {
        Map<String, HealthContributor> listeners = new LinkedHashMap<>();
        Map<String, HealthContributor> clients = new LinkedHashMap<>();
        for (AbstractSctpAssociationFactory factory : factories) {
            if (factory instanceof SctpServerAssociationFactory server) {
                listeners.put(SctpEndpointNames.nameOf(factory), new SctpListenerHealthIndicator(server));
            } else if (factory instanceof SctpClientAssociationFactory client) {
                clients.put(SctpEndpointNames.nameOf(factory), new SctpClientHealthIndicator(client));
            }
        }
        Map<String, HealthContributor> children = new LinkedHashMap<>();
        children.put("kernel", new SctpKernelHealthIndicator());
        if (!listeners.isEmpty()) {
            children.put("listeners", CompositeHealthContributor.fromMap(listeners));
        }
        if (!clients.isEmpty()) {
            children.put("clients", CompositeHealthContributor.fromMap(clients));
        }
        return CompositeHealthContributor.fromMap(children);
    }

    @Override
    public @Nullable HealthContributor getContributor(String name) {
        return delegate().getContributor(name);
    }

    @Override
    public Stream<Entry> stream() {
        return delegate().stream();
    }
}
