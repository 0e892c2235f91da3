package dev.sctp.integration.support;

/**
 * Names of the message headers SCTP endpoints set on inbound messages and read from outbound ones, all with the
 * prefix {@value #PREFIX}.
 *
 * <p>Inbound messages carry every header that describes where the message came from. Outbound messages are sent on
 * the association named by {@link #ASSOCIATION_ID} (so a reply goes back the way its request came) with the
 * stream, PPID, unordered flag, context and lifetime of the matching headers, unless the endpoint says otherwise.
 *
 * @since 0.1.0
 */
public final class SctpHeaders {

    /** The prefix of every SCTP header. */
    public static final String PREFIX = "sctp_";

    /** The stable id of the association a message arrived on or is sent on ({@code String}). */
    public static final String ASSOCIATION_ID = PREFIX + "associationId";

    /** The stream id, 0..65534 ({@code Integer}). */
    public static final String STREAM_ID = PREFIX + "streamId";

    /** The payload protocol identifier, in host byte order ({@code Integer}; an unsigned 32-bit value). */
    public static final String PPID = PREFIX + "ppid";

    /** Whether the message is (or was) delivered unordered ({@code Boolean}). */
    public static final String UNORDERED = PREFIX + "unordered";

    /** The opaque context value that comes back in a send-failed notification ({@code Integer}). */
    public static final String CONTEXT = PREFIX + "context";

    /**
     * Outbound only: how long the stack may try to send the message before abandoning it (PR-SCTP time to live), as
     * a {@link java.time.Duration} or a number of milliseconds.
     */
    public static final String LIFETIME = PREFIX + "lifetime";

    /** Inbound only: the stream sequence number ({@code Integer}). */
    public static final String SSN = PREFIX + "ssn";

    /** Inbound only: the transmission sequence number of the message's first chunk ({@code Integer}). */
    public static final String TSN = PREFIX + "tsn";

    /** The peer's addresses, as literal host addresses ({@code List<String>}). */
    public static final String REMOTE_ADDRESSES = PREFIX + "remoteAddresses";

    /** The peer address this side sends to by default, as a literal host address ({@code String}). */
    public static final String PRIMARY_ADDRESS = PREFIX + "primaryAddress";

    /** This side's addresses of the association, as literal host addresses ({@code List<String>}). */
    public static final String LOCAL_ADDRESSES = PREFIX + "localAddresses";

    /** The peer's port ({@code Integer}). */
    public static final String REMOTE_PORT = PREFIX + "remotePort";

    /** This side's port ({@code Integer}). */
    public static final String LOCAL_PORT = PREFIX + "localPort";

    /** The bean name of the association factory the message came through ({@code String}). */
    public static final String FACTORY_NAME = PREFIX + "factoryName";

    /**
     * Set on messages whose payload is an SCTP notification rather than data: the notification's type name, such as
     * {@code ASSOC_CHANGE} ({@code String}).
     */
    public static final String NOTIFICATION_TYPE = PREFIX + "notificationType";

    private SctpHeaders() {
    }
}
