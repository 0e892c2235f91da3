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
 *
 * <p>Two limits: {@code maxMessageSize} per message, and {@code maxPartialMessageBytes} over all unfinished messages
 * of the association, since the first alone would let a peer hold nearly {@code maxMessageSize} on each of up to
 * 65,535 streams. Past either limit the association is ended by the caller, so what was kept is dropped at once.
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
    private final long maxPartialMessageBytes;
    private final Map<Integer, Partial> partials = new HashMap<>();
    private int overflow;
    /** Bytes of unfinished messages kept; volatile: read by other threads (tests, diagnostics). */
    private volatile long partialBytes;
    /** The most {@link #partialBytes} ever were; volatile: read by other threads. */
    private volatile long peakPartialBytes;
    /** Set when the parts just read would have taken {@link #partialBytes} beyond the cap: what it would have been. */
    private long partialOverflow;
    /** The number of unfinished messages when the cap was hit. */
    private int partialOverflowStreams;
    /** Parts read for one stream while another stream had a message in parts; volatile: read by other threads. */
    private volatile long interleavedParts;

    /**
     * @param maxMessageSize the largest message
     * @param maxPartialMessageBytes the most bytes of unfinished messages kept at once, over all streams
     */
    Reassembly(int maxMessageSize, long maxPartialMessageBytes) {
        this.maxMessageSize = maxMessageSize;
        this.maxPartialMessageBytes = maxPartialMessageBytes;
    }

    /**
     * Adds {@code n} bytes of {@code buffer} read for {@code stream}.
     *
     * @param complete whether they end their message
     * @return the whole message if it is complete and within the limit, else {@code null}; after {@code null},
     *     {@link #takeOverflow} tells whether a message was found too large just now, and
     *     {@link #takePartialOverflow} whether the parts kept would have gone beyond
     *     {@code maxPartialMessageBytes}: then every part kept was dropped
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
        int kept = partial == null ? 0 : partial.bytes.size();
        boolean discarding = partial != null && partial.discarding;
        if (!discarding && kept + n <= maxMessageSize && partialBytes + n > maxPartialMessageBytes) {
            // checked before anything is copied, so nothing is ever kept beyond the cap
            partialOverflow = partialBytes + n;
            partialOverflowStreams = partials.size() + (partial == null ? 1 : 0);
            dropAll();
            return null;
        }
        if (partial == null) {
            partial = new Partial(Math.min(Math.max(n * 2, 1024), maxMessageSize));
            partials.put(stream, partial);
        }
        if (!partial.discarding && kept + n > maxMessageSize) {
            partial.discarding = true;
            overflow = kept + n;
            partialBytes -= kept;
            partial.bytes.reset(); // free what was kept: the message is lost anyway
        }
        if (!partial.discarding) {
            partial.bytes.write(buffer, 0, n);
            long total = partialBytes + n;
            partialBytes = total;
            if (total > peakPartialBytes) {
                peakPartialBytes = total;
            }
        }
        if (!complete) {
            return null;
        }
        partials.remove(stream);
        if (partial.discarding) {
            return null;
        }
        partialBytes -= partial.bytes.size();
        return partial.bytes.toByteArray();
    }

    /** Drops every unfinished message, freeing what they kept. */
    void dropAll() {
        partials.clear();
        partialBytes = 0;
    }

    /**
     * Returns, once, how many bytes of unfinished messages the parts just read would have made, if that was beyond
     * {@code maxPartialMessageBytes}, else 0; {@link #partialOverflowStreams} tells over how many streams.
     */
    long takePartialOverflow() {
        long bytes = partialOverflow;
        partialOverflow = 0;
        return bytes;
    }

    /** Returns the number of unfinished messages, the new one included, when the cap was last hit. */
    int partialOverflowStreams() {
        return partialOverflowStreams;
    }

    /** Returns the most bytes of unfinished messages ever kept at once. */
    long peakPartialBytes() {
        return peakPartialBytes;
    }

    /** Returns the bytes of unfinished messages kept now. */
    long partialBytes() {
        return partialBytes;
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
