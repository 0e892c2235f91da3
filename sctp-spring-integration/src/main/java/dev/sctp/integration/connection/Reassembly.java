package dev.sctp.integration.connection;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Puts messages read in parts back together, one partial message per stream. Parts of one message usually follow
 * each other, but with fragment interleaving and I-DATA (RFC 8260) the kernel may hand over parts of messages of
 * different streams in turn, so a single buffer would mix them. Used by the reader thread only.
 */
final class Reassembly {

    /** A message in parts; {@code discarding} once it grew beyond the limit. */
    private static final class Partial {

        final ByteArrayOutputStream bytes;
        boolean discarding;

        Partial(int initial) {
            bytes = new ByteArrayOutputStream(initial);
        }
    }

    private final int maxMessageSize;
    private final Map<Integer, Partial> partials = new HashMap<>();
    private int overflow;
    /** Parts read for one stream while another stream had a message in parts; volatile: read by other threads. */
    private volatile long interleavedParts;

    Reassembly(int maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    /**
     * Adds {@code n} bytes of {@code buffer} read for {@code stream}.
     *
     * @param complete whether they end their message
     * @return the whole message if it is complete and within the limit, else {@code null}; after {@code null},
     *     {@link #takeOverflow} tells whether a message was found too large just now
     */
    byte @Nullable [] add(byte[] buffer, int n, int stream, boolean complete) {
        Partial partial = partials.isEmpty() ? null : partials.get(stream);
        if (!partials.isEmpty() && (partial == null || partials.size() > 1)) {
            interleavedParts++; // only the reader thread writes it
        }
        if (partial == null && complete) {
            // the usual case: a whole message in one read, no map and no copy beyond the payload itself
            if (n > maxMessageSize) {
                overflow = n;
                return null;
            }
            return Arrays.copyOf(buffer, n);
        }
        if (partial == null) {
            partial = new Partial(Math.max(n * 2, 1024));
            partials.put(stream, partial);
        }
        if (!partial.discarding && partial.bytes.size() + n > maxMessageSize) {
            partial.discarding = true;
            overflow = partial.bytes.size() + n;
            partial.bytes.reset(); // free what was kept: the message is lost anyway
        }
        if (!partial.discarding) {
            partial.bytes.write(buffer, 0, n);
        }
        if (!complete) {
            return null;
        }
        partials.remove(stream);
        return partial.discarding ? null : partial.bytes.toByteArray();
    }

    /** Returns the size (at least) of a message just found too large, once, else 0. */
    int takeOverflow() {
        int size = overflow;
        overflow = 0;
        return size;
    }

    /**
     * Returns how many parts were read for one stream while a message of another stream was unfinished: the times
     * the kernel interleaved messages of different streams.
     */
    long interleavedParts() {
        return interleavedParts;
    }

    /** Returns the number of streams with a message in parts. */
    int partialStreams() {
        return partials.size();
    }
}
