package dev.sctp.integration.outbound;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.springframework.messaging.Message;

/**
 * Matches replies to requests by a key carried in the messages themselves, for protocols whose peers answer on any
 * stream or carry several requests per stream: Diameter's hop-by-hop identifier, an M3UA/SUA correlation id, a
 * transaction id. With one set, {@link SctpOutboundGateway} keeps many requests in flight per stream and spreads
 * them over the streams; without one it correlates by stream (one request per stream, the reply on the same
 * stream).
 *
 * <p>Keys are compared with {@code equals}; a request whose key is already in flight on its association is refused,
 * since its reply could not be told apart.
 *
 * @since 0.1.0
 */
public interface SctpReplyCorrelation {

    /**
     * Returns the key of a request about to be sent.
     *
     * @param request the request message
     * @param payload the bytes that will be sent
     * @return the key; never null
     */
    Object requestKey(Message<?> request, byte[] payload);

    /**
     * Returns the key of a received message, or {@code null} if it is not a reply (it then goes to the
     * unsolicited-message channel).
     *
     * @param message the received message
     * @return the key, or null
     */
    @Nullable Object replyKey(Message<byte[]> message);

    /**
     * Correlates by {@code length} bytes at {@code offset} of both payloads.
     *
     * @param offset where the key starts, at least 0
     * @param length its length, at least 1
     * @return the correlation
     */
    static SctpReplyCorrelation payloadBytes(int offset, int length) {
        if (offset < 0 || length < 1) {
            throw new IllegalArgumentException("The key must lie within the payload: offset " + offset
                    + " must be at least 0 and length " + length + " at least 1");
        }
        return new SctpReplyCorrelation() {
            @Override
            public Object requestKey(Message<?> request, byte[] payload) {
                if (payload.length < offset + length) {
                    throw new IllegalArgumentException("The request of " + payload.length + " bytes is too short for "
                            + "its correlation key at bytes " + offset + ".." + (offset + length - 1));
                }
                return new PayloadKey(Arrays.copyOfRange(payload, offset, offset + length));
            }

            @Override
            public @Nullable Object replyKey(Message<byte[]> message) {
                byte[] payload = message.getPayload();
                return payload.length < offset + length ? null
                        : new PayloadKey(Arrays.copyOfRange(payload, offset, offset + length));
            }

            @Override
            public String toString() {
                return "payload bytes " + offset + ".." + (offset + length - 1);
            }
        };
    }

    /**
     * Correlates by Diameter's hop-by-hop identifier (RFC 6733 section 3: bytes 12 to 15 of the header), which an
     * answer carries unchanged from its request.
     *
     * @return the correlation
     */
    static SctpReplyCorrelation diameterHopByHop() {
        return payloadBytes(12, 4);
    }
}
