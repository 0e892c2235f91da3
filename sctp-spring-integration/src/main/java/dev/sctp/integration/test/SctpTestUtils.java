package dev.sctp.integration.test;

import dev.sctp.integration.connection.AbstractSctpAssociationFactory;
import dev.sctp.integration.connection.SctpClientAssociationFactory;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Helpers for tests of applications that use SCTP association factories, in the manner of spring-integration-ip's
 * {@code TestingUtilities}: wait for a server to listen (so its port 0 is resolved), to stop listening, and for a
 * number of open associations.
 *
 * <pre>{@code
 * SctpTestUtils.waitListening(server, Duration.ofSeconds(10));
 * int port = server.getPort();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class SctpTestUtils {

    private SctpTestUtils() {
    }

    /**
     * Waits until {@code factory} listens.
     *
     * @param factory the server factory
     * @param timeout how long to wait
     * @throws IllegalStateException if it does not listen in time
     */
    public static void waitListening(SctpServerAssociationFactory factory, Duration timeout) {
        await(factory::isListening, timeout, () -> "Factory '" + factory.getComponentName()
                + "' is not listening after " + timeout);
    }

    /**
     * Waits until {@code factory} no longer listens.
     *
     * @param factory the server factory
     * @param timeout how long to wait
     * @throws IllegalStateException if it still listens
     */
    public static void waitStopListening(SctpServerAssociationFactory factory, Duration timeout) {
        await(() -> !factory.isListening(), timeout, () -> "Factory '" + factory.getComponentName()
                + "' still listens after " + timeout);
    }

    /**
     * Waits until {@code factory} has exactly {@code count} open associations.
     *
     * @param factory the factory
     * @param count the number of associations
     * @param timeout how long to wait
     * @throws IllegalStateException if the count is not reached in time; the message gives the open ids
     */
    public static void waitAssociations(AbstractSctpAssociationFactory factory, int count, Duration timeout) {
        await(() -> factory.getOpenAssociationIds().size() == count, timeout, () -> "Factory '"
                + factory.getComponentName() + "' has " + factory.getOpenAssociationIds() + " open, not " + count
                + " associations, after " + timeout);
    }

    /**
     * Waits until the client factory has an open association.
     *
     * @param factory the client factory
     * @param timeout how long to wait
     * @throws IllegalStateException if it is not connected in time
     */
    public static void waitConnected(SctpClientAssociationFactory factory, Duration timeout) {
        await(factory::isConnected, timeout, () -> "Factory '" + factory.getComponentName()
                + "' is not connected after " + timeout);
    }

    private static void await(BooleanSupplier condition, Duration timeout, java.util.function.Supplier<String> error) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(error.get());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting", e);
            }
        }
    }
}
