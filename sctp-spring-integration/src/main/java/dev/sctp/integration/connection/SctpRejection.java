package dev.sctp.integration.connection;

import java.util.Locale;

/**
 * Why a factory refused or ended an association to protect itself: an allow-list or a limit. The
 * {@link #tag() tag} names it in events, logs and the {@code reason} tag of the {@code sctp.associations.rejected}
 * metric.
 *
 * @since 0.1.0
 */
public enum SctpRejection {

    /** A peer address is outside the listener's allowed peers ({@code allowedPeers}). */
    PEER_NOT_ALLOWED("allowedPeers"),

    /** The listener already had {@code maxAssociations} associations open. */
    MAX_ASSOCIATIONS("maxAssociations"),

    /** The listener already had {@code maxAssociationsPerPeer} associations open with the same peer address. */
    MAX_ASSOCIATIONS_PER_PEER("maxAssociationsPerPeer"),

    /** The peer sent a message larger than {@code maxMessageSize}. */
    MAX_MESSAGE_SIZE("maxMessageSize"),

    /**
     * The peer's unfinished messages, over all streams, came to more than {@code maxPartialMessageBytes}: it sent
     * parts of messages on many streams at once (I-DATA with fragment interleaving).
     */
    MAX_PARTIAL_MESSAGE_BYTES("maxPartialMessageBytes");

    private final String setting;

    SctpRejection(String setting) {
        this.setting = setting;
    }

    /** Returns the factory setting that decides it, e.g. {@code maxAssociationsPerPeer}. */
    public String setting() {
        return setting;
    }

    /** Returns the low-cardinality tag value, e.g. {@code max-associations-per-peer}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
