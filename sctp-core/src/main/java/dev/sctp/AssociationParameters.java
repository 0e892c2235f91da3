package dev.sctp;

import java.time.Duration;

/**
 * The association parameters of {@link SctpOptions#ASSOC_INFO} ({@code SCTP_ASSOCINFO}, RFC 6458 section 8.1.2).
 *
 * <p>Set writes only {@code maxRetransmissions} and {@code cookieLife}, where 0 keeps the current value; the other
 * fields are read-only reports and are ignored on set. On a listener the values apply to associations accepted
 * later; on a connected socket to its association, where Linux refuses a {@code maxRetransmissions} larger than the
 * sum of the paths' own limits when the peer has several addresses.
 *
 * @param maxRetransmissions retransmissions of one message before the association is declared unreachable
 *     ({@code sasoc_asocmaxrxt}, 0..65535; default {@code net.sctp.association_max_retrans}, 10)
 * @param peerDestinations read-only: the number of peer addresses (0 without an association)
 * @param peerReceiveWindow read-only: the peer's receive window in bytes
 * @param localReceiveWindow read-only: this side's receive window in bytes
 * @param cookieLife the lifetime of the state cookie this side sends in INIT-ACK ({@code sasoc_cookie_life},
 *     0..2^32-1 ms; default {@code net.sctp.valid_cookie_life}, 60 s)
 */
public record AssociationParameters(int maxRetransmissions, int peerDestinations, long peerReceiveWindow,
        long localReceiveWindow, Duration cookieLife) {

    /**
     * Validates the ranges.
     *
     * @throws IllegalArgumentException if a value does not fit its field
     */
    public AssociationParameters {
        OptionChecks.range("maxRetransmissions", maxRetransmissions, 0, OptionChecks.U16_MAX);
        OptionChecks.range("peerDestinations", peerDestinations, 0, OptionChecks.U16_MAX);
        OptionChecks.u32("peerReceiveWindow", peerReceiveWindow);
        OptionChecks.u32("localReceiveWindow", localReceiveWindow);
        OptionChecks.millis("cookieLife", cookieLife, OptionChecks.U32_MAX);
    }

    /** Returns parameters for set: {@code maxRetransmissions} and {@code cookieLife}, 0 keeping either. */
    public static AssociationParameters of(int maxRetransmissions, Duration cookieLife) {
        return new AssociationParameters(maxRetransmissions, 0, 0, 0, cookieLife);
    }

    /** Returns a copy with {@code maxRetransmissions}. */
    public AssociationParameters withMaxRetransmissions(int maxRetransmissions) {
        return new AssociationParameters(maxRetransmissions, peerDestinations, peerReceiveWindow,
                localReceiveWindow, cookieLife);
    }

    /** Returns a copy with {@code cookieLife}. */
    public AssociationParameters withCookieLife(Duration cookieLife) {
        return new AssociationParameters(maxRetransmissions, peerDestinations, peerReceiveWindow,
                localReceiveWindow, cookieLife);
    }
}
