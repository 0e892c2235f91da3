package dev.sctp.internal.linux;

import static dev.sctp.internal.linux.SctpConstants.SOL_SCTP;

import dev.sctp.ReconfigurationRequests;
import dev.sctp.SctpException;
import dev.sctp.SctpStatus;
import java.io.IOException;

/**
 * RFC 6525 stream reconfiguration: the options that allow it ({@code SCTP_RECONFIG_SUPPORTED},
 * {@code SCTP_ENABLE_STREAM_RESET}) and the requests ({@code SCTP_RESET_STREAMS}, {@code SCTP_RESET_ASSOC},
 * {@code SCTP_ADD_STREAMS}), with the kernel's errors turned into messages that name the setting to change. The
 * outcome of a request arrives later as a notification (stream reset, association reset, stream change).
 *
 * <p>Internal usage only. The numbers and layouts are linux/sctp.h's; the errors are those of net/sctp/socket.c and
 * net/sctp/stream.c (Linux 6.1).
 */
public final class ReconfigurationCodec {

    // linux/sctp.h socket option names.
    static final int SCTP_RECONFIG_SUPPORTED = 117;
    static final int SCTP_ENABLE_STREAM_RESET = 118;
    static final int SCTP_RESET_STREAMS = 119;
    static final int SCTP_RESET_ASSOC = 120;
    static final int SCTP_ADD_STREAMS = 121;

    // linux/sctp.h srs_flags of struct sctp_reset_streams.
    static final int SCTP_STREAM_RESET_INCOMING = 0x01;
    static final int SCTP_STREAM_RESET_OUTGOING = 0x02;

    // linux/sctp.h struct sctp_reset_streams: srs_assoc_id @0, srs_flags @4 (u16), srs_number_streams @6 (u16),
    // srs_stream_list[] @8 (u16 each).
    static final int RESET_STREAMS_FLAGS = 4;
    static final int RESET_STREAMS_NUMBER = 6;
    static final int RESET_STREAMS_LIST = 8;

    // linux/sctp.h struct sctp_add_streams: sas_assoc_id @0, sas_instrms @4 (u16), sas_outstrms @6 (u16).
    static final int ADD_STREAMS_SIZE = 8;
    static final int ADD_STREAMS_IN = 4;
    static final int ADD_STREAMS_OUT = 6;

    // SCTP_RESET_ASSOC takes a bare sctp_assoc_t.
    static final int ASSOC_ID_SIZE = 4;

    /**
     * The most streams one reset request names: what fits the socket's option buffer after the 8-byte header. The
     * kernel allows more (up to a chunk's length); an empty list resets all streams, whatever their number.
     */
    public static final int MAX_STREAMS_PER_RESET = 248;

    private static final String NOT_NEGOTIATED = "the association did not negotiate RFC 6525 reconfiguration:"
            + " both ends must offer it when the association is set up, so set SctpOptions.RECONFIG_SUPPORTED to"
            + " true on this socket (or its listener) before connect (or accept), and at the peer (for all sockets:"
            + " sysctl net.sctp.reconf_enable=1)";
    private static final String OUTSTANDING = "an earlier reconfiguration request of this association is still"
            + " outstanding (RFC 6525 allows one at a time); wait for its StreamReset, AssociationReset or"
            + " StreamChange notification, then retry";

    private ReconfigurationCodec() {
    }

    /** Sets {@code SCTP_RECONFIG_SUPPORTED}. */
    static void setSupported(LinuxSctpSocket socket, boolean on) throws IOException {
        OptionCodec.setAssocValue(socket, SCTP_RECONFIG_SUPPORTED, "SCTP_RECONFIG_SUPPORTED", on ? 1 : 0);
    }

    /** Reads {@code SCTP_RECONFIG_SUPPORTED}: the association's negotiated support once connected. */
    static boolean supported(LinuxSctpSocket socket) throws IOException {
        return OptionCodec.getAssocValue(socket, SCTP_RECONFIG_SUPPORTED, "SCTP_RECONFIG_SUPPORTED") != 0;
    }

    /** Sets {@code SCTP_ENABLE_STREAM_RESET}. */
    static void setEnabled(LinuxSctpSocket socket, ReconfigurationRequests requests) throws IOException {
        OptionCodec.setAssocValue(socket, SCTP_ENABLE_STREAM_RESET, "SCTP_ENABLE_STREAM_RESET", requests.flags());
    }

    /** Reads {@code SCTP_ENABLE_STREAM_RESET}. */
    static ReconfigurationRequests enabled(LinuxSctpSocket socket) throws IOException {
        return ReconfigurationRequests.ofFlags(
                OptionCodec.getAssocValue(socket, SCTP_ENABLE_STREAM_RESET, "SCTP_ENABLE_STREAM_RESET") & 0x07);
    }

    /**
     * Asks to reset {@code streams} (all streams when empty) in the given directions ({@code SCTP_RESET_STREAMS}).
     */
    public static void resetStreams(LinuxSctpSocket socket, boolean outgoing, boolean incoming, int[] streams)
            throws IOException {
        if (streams.length > MAX_STREAMS_PER_RESET) {
            throw new IllegalArgumentException(streams.length + " streams in one reset request exceed the "
                    + MAX_STREAMS_PER_RESET + " this library sends at once; split the list into several requests"
                    + " (one at a time, each after the last one's StreamReset notification), or pass no streams to"
                    + " reset all of them");
        }
        for (int stream : streams) {
            if (stream < 0 || stream > 0xffff) {
                throw new IllegalArgumentException("stream " + stream + " is outside 0..65535");
            }
        }
        int flags = (outgoing ? SCTP_STREAM_RESET_OUTGOING : 0) | (incoming ? SCTP_STREAM_RESET_INCOMING : 0);
        String what = (outgoing ? "outgoing" : "incoming") + " streams";
        try {
            socket.set(SOL_SCTP, SCTP_RESET_STREAMS, "SCTP_RESET_STREAMS", b -> {
                b.putShort(RESET_STREAMS_FLAGS, (short) flags);
                b.putShort(RESET_STREAMS_NUMBER, (short) streams.length);
                for (int i = 0; i < streams.length; i++) {
                    b.putShort(RESET_STREAMS_LIST + 2 * i, (short) streams[i]);
                }
                return RESET_STREAMS_LIST + 2 * streams.length;
            });
        } catch (SctpException e) {
            throw explain(socket, e, "reset " + what, r -> r.resetStreams(), "resetStreams",
                    "data queued on the " + what + " to reset is not sent yet; retry once it is (a SENDER_DRY_EVENT"
                            + " notification says when nothing is left to send)",
                    () -> invalidStreams(socket, what, outgoing, streams));
        }
    }

    /** Asks to reset the association's TSNs and all its streams ({@code SCTP_RESET_ASSOC}). */
    public static void resetAssociation(LinuxSctpSocket socket) throws IOException {
        try {
            // assoc_id 0: ignored on a one-to-one socket, which has one association.
            socket.set(SOL_SCTP, SCTP_RESET_ASSOC, "SCTP_RESET_ASSOC", b -> ASSOC_ID_SIZE);
        } catch (SctpException e) {
            throw explain(socket, e, "reset the association", r -> r.resetAssociation(), "resetAssociation",
                    "the association still has data queued or not yet acknowledged; retry once everything sent is"
                            + " acknowledged (a SENDER_DRY_EVENT notification says when)",
                    () -> "the socket has no association; connect it first");
        }
    }

    /** Asks to add {@code incoming} and {@code outgoing} streams ({@code SCTP_ADD_STREAMS}). */
    public static void addStreams(LinuxSctpSocket socket, int incoming, int outgoing) throws IOException {
        if (incoming < 0 || incoming > 0xffff || outgoing < 0 || outgoing > 0xffff || incoming + outgoing == 0) {
            throw new IllegalArgumentException("cannot add " + incoming + " incoming and " + outgoing
                    + " outgoing streams: give 0..65535 of each, and at least one stream in all");
        }
        try {
            socket.set(SOL_SCTP, SCTP_ADD_STREAMS, "SCTP_ADD_STREAMS", b -> {
                b.putShort(ADD_STREAMS_IN, (short) incoming);
                b.putShort(ADD_STREAMS_OUT, (short) outgoing);
                return ADD_STREAMS_SIZE;
            });
        } catch (SctpException e) {
            throw explain(socket, e, "add streams", r -> r.addStreams(), "addStreams", e.getMessage(),
                    () -> tooManyStreams(socket, incoming, outgoing));
        }
    }

    private interface Check {
        boolean allowed(ReconfigurationRequests requests);
    }

    private interface Detail {
        String get() throws IOException;
    }

    /** Turns the errors of a reconfiguration request into the exception that names the cause and the fix. */
    private static IOException explain(LinuxSctpSocket socket, SctpException e, String request, Check kind,
            String field, String busy, Detail invalid) throws IOException {
        String prefix = "cannot " + request + ": ";
        return switch (e.errno()) {
            case Errno.ENOPROTOOPT -> rewrap(e, prefix + whyRefused(socket, kind, field));
            case Errno.EINPROGRESS -> rewrap(e, prefix + OUTSTANDING);
            case Errno.EAGAIN -> rewrap(e, prefix + busy);
            case Errno.EINVAL -> throw new IllegalArgumentException(prefix + invalid.get(), e);
            default -> e;
        };
    }

    /** ENOPROTOOPT means either side of the check in sctp_send_reset_streams and its siblings; says which. */
    private static String whyRefused(LinuxSctpSocket socket, Check kind, String field) throws IOException {
        if (!supported(socket)) {
            return NOT_NEGOTIATED;
        }
        ReconfigurationRequests enabled = enabled(socket);
        if (!kind.allowed(enabled)) {
            return "this association does not allow the request (SctpOptions.ENABLE_STREAM_RESET is " + enabled
                    + "); set ENABLE_STREAM_RESET with " + field + " true first, on this socket or its listener";
        }
        return NOT_NEGOTIATED;
    }

    private static String invalidStreams(LinuxSctpSocket socket, String what, boolean outgoing, int[] streams)
            throws IOException {
        SctpStatus status = StatusCodec.status(socket);
        int count = outgoing ? status.outboundStreams() : status.inboundStreams();
        for (int stream : streams) {
            if (stream >= count) {
                return "stream " + stream + " is beyond the association's " + count + " " + what + " (0.."
                        + (count - 1) + "); name existing streams, or add streams first";
            }
        }
        return "the kernel refused the request (EINVAL); the streams " + java.util.Arrays.toString(streams)
                + " exist (" + count + " " + what + "), so the request is too large for one chunk";
    }

    private static String tooManyStreams(LinuxSctpSocket socket, int incoming, int outgoing) throws IOException {
        SctpStatus status = StatusCodec.status(socket);
        return "the association has " + status.inboundStreams() + " incoming and " + status.outboundStreams()
                + " outgoing streams, and adding " + incoming + " and " + outgoing + " would exceed 65535 in a"
                + " direction; add fewer";
    }

    private static SctpException rewrap(SctpException e, String message) {
        SctpException explained = new SctpException(message + " (" + e.getMessage() + ")", e.operation(),
                e.errno());
        explained.initCause(e);
        return explained;
    }
}
