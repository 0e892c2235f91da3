package dev.sctp.integration.connection;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.integration.support.DefaultMessageBuilderFactory;
import org.springframework.integration.support.MessageBuilderFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.GenericMessage;

/**
 * Turns a received payload and its mapped headers into the Spring message a factory delivers.
 *
 * <p>Spring Integration's default builder ({@code MessageBuilder}) copies the headers twice before the message's
 * own {@link MessageHeaders} copies them a third time: into its header accessor, and out of it in {@code build()}.
 * For the default builder factory the result is a {@link GenericMessage} of the same headers, so once a message built
 * by the factory's builder is seen to carry exactly the mapped headers (the builder factory may be configured with
 * read-only headers that it drops, and it drops null values), later messages with the same header names are built as
 * {@code new GenericMessage<>(payload, headers)}: one copy instead of three. Any other builder factory, or headers
 * with other names or a null value, go through the builder as before.
 */
final class ReceivedMessageBuilder {

    /** A builder factory seen to keep every mapped header, and the names of those headers. */
    private record Verified(MessageBuilderFactory builders, String[] names) {

        /** Whether {@code headers} has exactly the verified names (checked without allocating). */
        boolean sameNames(Map<String, Object> headers) {
            if (headers.size() != names.length) {
                return false;
            }
            for (String name : names) {
                if (!headers.containsKey(name)) {
                    return false;
                }
            }
            return true;
        }
    }

    private volatile @Nullable Verified verified;

    /** Returns the message of {@code payload} with {@code headers}, as {@code builders} would build it. */
    Message<byte[]> build(MessageBuilderFactory builders, byte[] payload, Map<String, Object> headers) {
        Verified known = verified;
        if (known != null && known.builders() == builders && known.sameNames(headers)
                && !headers.containsValue(null)) {
            return new GenericMessage<>(payload, headers);
        }
        Message<byte[]> built = builders.withPayload(payload).copyHeaders(headers).build();
        if (builders.getClass() == DefaultMessageBuilderFactory.class && built.getClass() == GenericMessage.class
                && keepsAll(built.getHeaders(), headers)) {
            verified = new Verified(builders, headers.keySet().toArray(new String[0]));
        }
        return built;
    }

    /** Whether {@code built} holds every mapped header with the same value, and besides them only id and timestamp. */
    private static boolean keepsAll(MessageHeaders built, Map<String, Object> headers) {
        if (headers.containsKey(MessageHeaders.ID) || headers.containsKey(MessageHeaders.TIMESTAMP)
                || built.size() != headers.size() + 2) {
            return false;
        }
        for (Map.Entry<String, Object> header : headers.entrySet()) {
            if (header.getValue() == null || built.get(header.getKey()) != header.getValue()) {
                return false;
            }
        }
        return true;
    }
}
