package dev.sctp.integration.connection;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/** An association's life as a Micrometer Observation: started at COMM_UP, stopped when the association ends. */
final class AssociationObservation {

    /** The observation's name; with the meter handler, the timer's (and {@code .active}, the long task timer's). */
    static final String NAME = "sctp.association";

    private AssociationObservation() {
    }

    /** Starts the observation of {@code association}, or returns null when the registry is a no-op. */
    static @Nullable Observation start(ObservationRegistry registry, SctpAssociation association) {
        if (registry.isNoop()) {
            return null;
        }
        return Observation.createNotStarted(NAME, registry)
                .contextualName("sctp association")
                .lowCardinalityKeyValue("factory", association.getFactory().getComponentName())
                .lowCardinalityKeyValue("role", association.isServer() ? "server" : "client")
                .highCardinalityKeyValue("association.id", association.getId())
                .start();
    }

    /** Stops {@code observation} with the association's end: the reason as a key, the cause as its error. */
    static void stop(@Nullable Observation observation, CloseReason reason, @Nullable Throwable cause) {
        if (observation == null) {
            return;
        }
        observation.lowCardinalityKeyValue("reason", reason.name());
        if (cause != null) {
            observation.error(cause);
        }
        observation.stop();
    }
}
