package dev.sctp.integration.event;

import dev.sctp.integration.connection.SctpAssociation;
import dev.sctp.notification.SendFailed;

/**
 * A message this side sent could not be delivered and the kernel handed it back (SCTP_SEND_FAILED_EVENT), for
 * example because its lifetime expired or the association ended; the event carries the undelivered payload.
 *
 * <p>Linux reports each DATA chunk separately, so a fragmented message may come back as several events.
 *
 * @since 0.1.0
 */
public class SctpSendFailedEvent extends SctpAssociationEvent {

    private static final long serialVersionUID = 1L;

    private final byte[] payload;
    private final int streamId;
    private final int ppid;
    private final int context;
    private final int error;
    private final boolean sent;

    /**
     * Creates the event.
     *
     * @param association the association
     * @param failed the notification
     */
    public SctpSendFailedEvent(SctpAssociation association, SendFailed failed) {
        super(association, null);
        this.payload = failed.payload();
        this.streamId = failed.info().streamId();
        this.ppid = failed.info().ppid();
        this.context = failed.info().context();
        this.error = failed.error();
        this.sent = failed.wasSent();
    }

    /** Returns a copy of the undelivered payload. */
    public byte[] getPayload() {
        return payload.clone();
    }

    /** Returns the stream the message was sent on. */
    public int getStreamId() {
        return streamId;
    }

    /** Returns the message's payload protocol identifier. */
    public int getPpid() {
        return ppid;
    }

    /** Returns the context value given with the send ({@code sctp_context}). */
    public int getContext() {
        return context;
    }

    /** Returns the kernel's error code: 0 for an expired lifetime, else an SCTP error cause or errno. */
    public int getError() {
        return error;
    }

    /** Returns whether the data had reached the wire (the peer may or may not have it). */
    public boolean wasSent() {
        return sent;
    }

    @Override
    protected String moreDetails() {
        return ", stream=" + streamId + ", ppid=" + Integer.toUnsignedString(ppid) + ", bytes=" + payload.length
                + ", error=" + error + (sent ? ", sent" : ", unsent");
    }
}
