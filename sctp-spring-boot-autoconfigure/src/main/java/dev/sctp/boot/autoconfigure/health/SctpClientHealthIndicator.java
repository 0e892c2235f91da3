package dev.sctp.boot.autoconfigure.health;

import dev.sctp.PathState;
import dev.sctp.PeerAddressInfo;
import dev.sctp.SctpAddress;
import dev.sctp.integration.connection.CloseReason;
import dev.sctp.integration.connection.SctpAssociation;
import dev.sctp.integration.connection.SctpAssociationObserver;
import dev.sctp.integration.connection.SctpClientAssociationFactory;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of one SCTP client: UP while its association is open, with the peer's addresses and the state of each path
 * (paths active and inactive); DOWN while it is not, with the reason: how the last association ended, or why the
 * last connect attempt failed.
 *
 * <p>Two states are not failures and are not DOWN: a client deliberately not started ({@code auto-startup: false})
 * is UNKNOWN, and a lazy client ({@code connect-on-start: false}) that has not connected yet and has not failed is
 * UP with {@code connected: false}, since it connects on the first send.
 *
 * <p>The indicator observes the factory (it registers itself as an {@link SctpAssociationObserver}) to learn the
 * reasons.
 */
public class SctpClientHealthIndicator extends AbstractHealthIndicator implements SctpAssociationObserver {

    private final SctpClientAssociationFactory factory;
    private volatile @Nullable Failure lastFailure;

    /**
     * Creates the indicator and registers it as an observer of {@code factory}.
     *
     * @param factory the client's factory
     */
    public SctpClientHealthIndicator(SctpClientAssociationFactory factory) {
        super("SCTP client health check failed");
        this.factory = factory;
        factory.addObserver(this);
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        SctpAssociation association = factory.isConnected() ? first(factory.getAssociations()) : null;
        builder.withDetail("connected", association != null);
        if (association == null && lastFailure == null && !factory.isRunning() && !factory.isAutoStartup()) {
            builder.unknown().withDetail("reason", "not started: auto-startup is false");
            return;
        }
        if (association == null && lastFailure == null && factory.isRunning() && !factory.isConnectOnStart()) {
            builder.up().withDetail("reason", "connects on the first send: connect-on-start is false");
            return;
        }
        if (association == null) {
            builder.down().withDetail("peers", factory.getPeers().stream().map(SctpAddress::toString).toList());
            Failure failure = lastFailure;
            if (failure != null) {
                builder.withDetail("reason", failure.reason()).withDetail("since", failure.time().toString());
            } else {
                builder.withDetail("reason", factory.isRunning() ? "not connected yet" : "stopped");
            }
            return;
        }
        builder.up().withDetail("association", association.getId())
                .withDetail("peerAddresses", association.getRemoteAddress().toString())
                .withDetail("outboundStreams", association.getOutboundStreams())
                .withDetail("inboundStreams", association.getInboundStreams());
        try {
            List<PeerAddressInfo> paths = association.paths();
            Map<String, String> states = new LinkedHashMap<>();
            for (PeerAddressInfo path : paths) {
                states.put(path.address().getAddress().getHostAddress(), path.state().name());
            }
            long active = paths.stream().filter(p -> p.state() == PathState.ACTIVE).count();
            builder.withDetail("paths", states).withDetail("pathsActive", active)
                    .withDetail("pathsInactive", paths.size() - active);
        } catch (IOException | RuntimeException e) {
            builder.withDetail("paths", "unavailable: " + e.getMessage());
        }
    }

    private static @Nullable SctpAssociation first(List<SctpAssociation> associations) {
        return associations.isEmpty() ? null : associations.get(0);
    }

    @Override
    public void associationOpened(SctpAssociation association) {
        lastFailure = null;
    }

    @Override
    public void associationClosed(SctpAssociation association, CloseReason reason, @Nullable Throwable cause) {
        String how = switch (reason) {
            case SHUTDOWN, CLOSED -> "was shut down";
            case ABORTED -> "was aborted by this side";
            case LOST -> "was lost (the peer aborted it or stopped answering)";
            case FAILED -> "failed";
        };
        lastFailure = new Failure("association " + association.getId() + " with " + association.getRemoteAddress()
                + " " + how + (cause != null ? ": " + message(cause) : ""), Instant.now());
    }

    @Override
    public void connectFailed(SctpAddress peer, Throwable cause) {
        lastFailure = new Failure("cannot connect to " + peer + ": " + message(cause), Instant.now());
    }

    private static String message(Throwable cause) {
        return Objects.requireNonNullElse(cause.getMessage(), cause.getClass().getName());
    }

    private record Failure(String reason, Instant time) {
    }
}
