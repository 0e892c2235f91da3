package dev.sctp;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How to send one message: stream, payload protocol id, ordering, context, partial reliability and the peer
 * address to use. Immutable: build one per kind of message and reuse it, so sending allocates nothing. When stream
 * and PPID change from message to message, pass them as numbers instead ({@code SctpSocket.send(src, info,
 * streamId, ppid)}): that allocates nothing either.
 *
 * <p>{@link #DEFAULT} is special: a message sent with it carries no send parameters at all, so the socket's
 * defaults apply ({@link SctpOptions#DEFAULT_SNDINFO}, {@link SctpOptions#DEFAULT_PRINFO}). Every other instance,
 * even one equal in its fields, sets stream, PPID, flags and context explicitly, which overrides {@code
 * DEFAULT_SNDINFO}, and carries no partial-reliability policy unless it sets one itself (the kernel then ignores
 * {@code DEFAULT_PRINFO} for that message).
 *
 * <p>The PPID is in host byte order ({@code 46} for Diameter); the library converts it for the wire.
 */
public final class SendInfo {

    /**
     * The socket's default send parameters: {@link SctpOptions#DEFAULT_SNDINFO} and {@link
     * SctpOptions#DEFAULT_PRINFO} when set, else stream 0, PPID 0, ordered, fully reliable. The accessors report
     * the latter; the kernel decides per message, since the defaults are socket state.
     */
    public static final SendInfo DEFAULT = new SendInfo(0, 0, false, 0, PrPolicy.NONE, 0, null, false, false, true);

    /** Partial-reliability policies (RFC 3758, RFC 7496). */
    public enum PrPolicy {
        /** Fully reliable. */
        NONE,
        /** Abandon the message once its lifetime (milliseconds) has passed. */
        TTL,
        /** Abandon the message after the given number of retransmissions. */
        RTX,
        /** Abandon lower-priority messages first when the send buffer is full. */
        PRIORITY
    }

    private final int streamId;
    private final int ppid;
    private final boolean unordered;
    private final int context;
    private final PrPolicy prPolicy;
    private final int prValue;
    private final @Nullable InetAddress peerAddress;
    private final boolean sackImmediately;
    private final boolean eof;
    private final boolean socketDefaults;

    private SendInfo(int streamId, int ppid, boolean unordered, int context, PrPolicy prPolicy, int prValue,
            @Nullable InetAddress peerAddress, boolean sackImmediately, boolean eof) {
        this(streamId, ppid, unordered, context, prPolicy, prValue, peerAddress, sackImmediately, eof, false);
    }

    private SendInfo(int streamId, int ppid, boolean unordered, int context, PrPolicy prPolicy, int prValue,
            @Nullable InetAddress peerAddress, boolean sackImmediately, boolean eof, boolean socketDefaults) {
        if (streamId < 0 || streamId > 0xffff) {
            throw new IllegalArgumentException("stream id " + streamId + " is outside 0..65535");
        }
        this.streamId = streamId;
        this.ppid = ppid;
        this.unordered = unordered;
        this.context = context;
        this.prPolicy = prPolicy;
        this.prValue = prValue;
        this.peerAddress = peerAddress;
        this.sackImmediately = sackImmediately;
        this.eof = eof;
        this.socketDefaults = socketDefaults;
    }

    /**
     * Returns whether this is {@link #DEFAULT}, whose messages carry no send parameters so that the socket's
     * defaults apply.
     */
    public boolean usesSocketDefaults() {
        return socketDefaults;
    }

    /** Returns send info for {@code streamId}, PPID 0. */
    public static SendInfo stream(int streamId) {
        return DEFAULT.withStream(streamId);
    }

    /** Returns send info for {@code streamId} and {@code ppid} (host byte order). */
    public static SendInfo of(int streamId, int ppid) {
        return DEFAULT.withStream(streamId).withPpid(ppid);
    }

    /** Returns a copy that sends on {@code streamId} (0..65535, and below the negotiated outbound count). */
    public SendInfo withStream(int streamId) {
        return new SendInfo(streamId, ppid, unordered, context, prPolicy, prValue, peerAddress, sackImmediately, eof);
    }

    /** Returns a copy with payload protocol id {@code ppid}, in host byte order. */
    public SendInfo withPpid(int ppid) {
        return new SendInfo(streamId, ppid, unordered, context, prPolicy, prValue, peerAddress, sackImmediately, eof);
    }

    /** Returns a copy that is delivered unordered ({@code SCTP_UNORDERED}) when {@code unordered} is true. */
    public SendInfo withUnordered(boolean unordered) {
        return new SendInfo(streamId, ppid, unordered, context, prPolicy, prValue, peerAddress, sackImmediately, eof);
    }

    /** Returns a copy with {@code context}, an opaque value that comes back in a send-failed notification. */
    public SendInfo withContext(int context) {
        return new SendInfo(streamId, ppid, unordered, context, prPolicy, prValue, peerAddress, sackImmediately, eof);
    }

    /**
     * Returns a copy that the kernel abandons once {@code lifetime} has passed without the message being sent
     * (PR-SCTP {@code SCTP_PR_SCTP_TTL}); the peer must support PR-SCTP, else the message stays reliable.
     */
    public SendInfo withLifetime(Duration lifetime) {
        long ms = lifetime.toMillis();
        if (ms <= 0 || ms > 0xffffffffL) {
            throw new IllegalArgumentException("lifetime " + lifetime + " must be between 1 ms and 2^32-1 ms");
        }
        return new SendInfo(streamId, ppid, unordered, context, PrPolicy.TTL, (int) ms, peerAddress,
                sackImmediately, eof);
    }

    /** Returns a copy that is abandoned after {@code retransmissions} retransmissions (PR-SCTP RTX policy). */
    public SendInfo withMaxRetransmissions(int retransmissions) {
        if (retransmissions < 0) {
            throw new IllegalArgumentException("retransmissions " + retransmissions + " must not be negative");
        }
        return new SendInfo(streamId, ppid, unordered, context, PrPolicy.RTX, retransmissions, peerAddress,
                sackImmediately, eof);
    }

    /** Returns a copy that is sent to {@code address}, one of the peer's addresses, instead of the primary path. */
    public SendInfo withPeerAddress(@Nullable InetAddress address) {
        return new SendInfo(streamId, ppid, unordered, context, prPolicy, prValue, address, sackImmediately, eof);
    }

    /** Returns a copy that asks the peer to acknowledge at once ({@code SCTP_SACK_IMMEDIATELY}). */
    public SendInfo withSackImmediately(boolean sackImmediately) {
        return new SendInfo(streamId, ppid, unordered, context, prPolicy, prValue, peerAddress, sackImmediately, eof);
    }

    /**
     * Returns a copy that ends the association after this message: once it is sent, SHUTDOWN follows when all
     * queued data is acknowledged ({@code SCTP_EOF}; on one-to-one sockets, send and then shut down output). An
     * empty message with EOF sends nothing and only shuts down.
     */
    public SendInfo withEof(boolean eof) {
        return new SendInfo(streamId, ppid, unordered, context, prPolicy, prValue, peerAddress, sackImmediately, eof);
    }

    /** Returns whether SHUTDOWN follows this message. */
    public boolean eof() {
        return eof;
    }

    /** Returns the stream id. */
    public int streamId() {
        return streamId;
    }

    /** Returns the payload protocol id in host byte order. */
    public int ppid() {
        return ppid;
    }

    /** Returns whether the message is unordered. */
    public boolean unordered() {
        return unordered;
    }

    /** Returns the context value. */
    public int context() {
        return context;
    }

    /** Returns the partial-reliability policy. */
    public PrPolicy prPolicy() {
        return prPolicy;
    }

    /** Returns the policy's value: milliseconds for TTL, a count for RTX, a priority for PRIORITY. */
    public int prValue() {
        return prValue;
    }

    /** Returns the chosen peer address, or {@code null} for the primary path. */
    public @Nullable InetAddress peerAddress() {
        return peerAddress;
    }

    /** Returns whether SACK_IMMEDIATELY is set. */
    public boolean sackImmediately() {
        return sackImmediately;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof SendInfo s && s.streamId == streamId && s.ppid == ppid && s.unordered == unordered
                && s.context == context && s.prPolicy == prPolicy && s.prValue == prValue
                && Objects.equals(s.peerAddress, peerAddress) && s.sackImmediately == sackImmediately
                && s.eof == eof && s.socketDefaults == socketDefaults;
    }

    @Override
    public int hashCode() {
        return Objects.hash(streamId, ppid, unordered, context, prPolicy, prValue, peerAddress, sackImmediately, eof,
                socketDefaults);
    }

    @Override
    public String toString() {
        if (socketDefaults) {
            return "SendInfo[socket defaults]";
        }
        return "SendInfo[stream=" + streamId + ", ppid=" + Integer.toUnsignedString(ppid)
                + (unordered ? ", unordered" : "") + (context != 0 ? ", context=" + context : "")
                + (prPolicy != PrPolicy.NONE ? ", " + prPolicy + "=" + Integer.toUnsignedString(prValue) : "")
                + (peerAddress != null ? ", to=" + peerAddress.getHostAddress() : "") + (eof ? ", eof" : "") + "]";
    }
}
