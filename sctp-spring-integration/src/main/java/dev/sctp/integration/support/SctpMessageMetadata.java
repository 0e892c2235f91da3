package dev.sctp.integration.support;

import dev.sctp.SendInfo;
import dev.sctp.integration.connection.SctpAssociation;
import dev.sctp.integration.connection.SctpReceivedMessage;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The SCTP side of a message, what {@link SctpHeaderMapper} maps to and from headers as Spring Integration's
 * {@code HeaderMapper}: a received message with its association, or the send information of an outbound one.
 *
 * @since 0.1.0
 */
public final class SctpMessageMetadata {

    private final @Nullable SctpAssociation association;
    private final @Nullable SctpReceivedMessage received;
    private SendInfo sendInfo;

    private SctpMessageMetadata(@Nullable SctpAssociation association, @Nullable SctpReceivedMessage received,
            SendInfo sendInfo) {
        this.association = association;
        this.received = received;
        this.sendInfo = sendInfo;
    }

    /**
     * Describes a message received on {@code association}.
     *
     * @param association the association
     * @param received the message
     * @return the metadata
     */
    public static SctpMessageMetadata received(SctpAssociation association, SctpReceivedMessage received) {
        return new SctpMessageMetadata(association, received, SendInfo.DEFAULT.withStream(received.streamId())
                .withPpid(received.ppid()).withUnordered(received.unordered()).withContext(received.context()));
    }

    /**
     * Describes an outbound message, starting from {@code defaults}; {@code fromHeaders} fills it in.
     *
     * @param defaults the send information where headers say nothing
     * @return the metadata
     */
    public static SctpMessageMetadata outbound(SendInfo defaults) {
        return new SctpMessageMetadata(null, null, Objects.requireNonNull(defaults, "defaults"));
    }

    /** Returns the association of a received message, else {@code null}. */
    public @Nullable SctpAssociation getAssociation() {
        return association;
    }

    /** Returns the received message, else {@code null}. */
    public @Nullable SctpReceivedMessage getReceived() {
        return received;
    }

    /** Returns the send information: stream, PPID, flags and lifetime. */
    public SendInfo getSendInfo() {
        return sendInfo;
    }

    /**
     * Sets the send information.
     *
     * @param sendInfo the send information
     */
    public void setSendInfo(SendInfo sendInfo) {
        this.sendInfo = Objects.requireNonNull(sendInfo, "sendInfo");
    }
}
