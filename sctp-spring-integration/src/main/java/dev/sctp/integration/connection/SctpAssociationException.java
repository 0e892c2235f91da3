package dev.sctp.integration.connection;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * An operation on an {@link SctpAssociation} failed; the message names the association and the cause.
 *
 * @since 0.1.0
 */
public class SctpAssociationException extends IOException {

    private static final long serialVersionUID = 1L;

    private final @Nullable String associationId;

    /**
     * Creates the exception.
     *
     * @param associationId the association's id, or {@code null} when no association was established
     * @param message the whole message
     * @param cause the underlying failure, if any
     */
    public SctpAssociationException(@Nullable String associationId, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.associationId = associationId;
    }

    /** Returns the id of the association concerned, or {@code null} when none was established. */
    public @Nullable String getAssociationId() {
        return associationId;
    }
}
