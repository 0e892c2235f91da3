package dev.sctp.integration.connection;

/**
 * One whole SCTP message as read from an association, before it becomes a Spring message. The payload is owned by
 * this object (copied out of the reader's buffer).
 *
 * @param payload the message's bytes
 * @param streamId the stream it arrived on
 * @param ppid the payload protocol identifier, in host byte order
 * @param unordered whether it was sent unordered
 * @param context the context value
 * @param ssn the stream sequence number
 * @param tsn the TSN of its first chunk
 * @since 0.1.0
 */
public record SctpReceivedMessage(byte[] payload, int streamId, int ppid, boolean unordered, int context, int ssn,
        int tsn) {
}
