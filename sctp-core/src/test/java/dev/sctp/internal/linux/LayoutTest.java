package dev.sctp.internal.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.AssociationState;
import dev.sctp.PathState;
import dev.sctp.ReconfigurationRequests;
import dev.sctp.notification.NotificationType;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Asserts every struct size, field offset and constant this library's native code relies on against the real
 * headers ({@code <linux/sctp.h>}, the socket, epoll and eventfd headers): {@code src/test/c/layouts.c} is compiled
 * with {@code cc} and run ({@link HeaderProbe}), and each line it prints must equal the Java constant of the same
 * meaning. It fails, never skips, when no C compiler is present.
 */
class LayoutTest {

    /** The classes whose every int constant the probe prints as {@code Class.FIELD}; Errno's are ErrnoTest's. */
    private static final Class<?>[] CHECKED_CLASSES = {
        SctpConstants.class, EpollConstants.class, SockaddrCodec.class, NotificationDecoder.class, Errno.class};

    private static Map<String, Long> header;

    @BeforeAll
    static void compileAndRunLayoutsProgram() throws Exception {
        header = HeaderProbe.values();
    }

    static Stream<Arguments> javaValues() {
        return Stream.of(
                // struct sctp_rtoinfo
                of("sctp_rtoinfo.size", AssociationOptionCodec.RTOINFO_SIZE),
                of("sctp_rtoinfo.srto_assoc_id", 0),
                of("sctp_rtoinfo.srto_initial", AssociationOptionCodec.RTOINFO_INITIAL),
                of("sctp_rtoinfo.srto_max", AssociationOptionCodec.RTOINFO_MAX),
                of("sctp_rtoinfo.srto_min", AssociationOptionCodec.RTOINFO_MIN),
                // struct sctp_assocparams
                of("sctp_assocparams.size", AssociationOptionCodec.ASSOCPARAMS_SIZE),
                of("sctp_assocparams.sasoc_asocmaxrxt", AssociationOptionCodec.ASSOCPARAMS_MAX_RXT),
                of("sctp_assocparams.sasoc_number_peer_destinations",
                        AssociationOptionCodec.ASSOCPARAMS_PEER_DESTINATIONS),
                of("sctp_assocparams.sasoc_peer_rwnd", AssociationOptionCodec.ASSOCPARAMS_PEER_RWND),
                of("sctp_assocparams.sasoc_local_rwnd", AssociationOptionCodec.ASSOCPARAMS_LOCAL_RWND),
                of("sctp_assocparams.sasoc_cookie_life", AssociationOptionCodec.ASSOCPARAMS_COOKIE_LIFE),
                // struct sctp_paddrparams (packed)
                of("sctp_paddrparams.size", PathOptionCodec.PADDRPARAMS_SIZE),
                of("sctp_paddrparams.spp_assoc_id", 0),
                of("sctp_paddrparams.spp_address", PathOptionCodec.PADDRPARAMS_ADDRESS),
                of("sctp_paddrparams.spp_address.size", SockaddrCodec.SOCKADDR_STORAGE_SIZE),
                of("sctp_paddrparams.spp_hbinterval", PathOptionCodec.PADDRPARAMS_HBINTERVAL),
                of("sctp_paddrparams.spp_pathmaxrxt", PathOptionCodec.PADDRPARAMS_PATHMAXRXT),
                of("sctp_paddrparams.spp_pathmtu", PathOptionCodec.PADDRPARAMS_PATHMTU),
                of("sctp_paddrparams.spp_sackdelay", PathOptionCodec.PADDRPARAMS_SACKDELAY),
                of("sctp_paddrparams.spp_flags", PathOptionCodec.PADDRPARAMS_FLAGS),
                of("sctp_paddrparams.spp_ipv6_flowlabel", PathOptionCodec.PADDRPARAMS_FLOWLABEL),
                of("sctp_paddrparams.spp_dscp", PathOptionCodec.PADDRPARAMS_DSCP),
                // struct sctp_sack_info
                of("sctp_sack_info.size", AssociationOptionCodec.SACK_INFO_SIZE),
                of("sctp_sack_info.sack_assoc_id", 0),
                of("sctp_sack_info.sack_delay", AssociationOptionCodec.SACK_INFO_DELAY),
                of("sctp_sack_info.sack_freq", AssociationOptionCodec.SACK_INFO_FREQ),
                // struct sctp_assoc_value and struct sctp_setadaptation
                of("sctp_assoc_value.size", OptionCodec.ASSOC_VALUE_SIZE),
                of("sctp_assoc_value.assoc_id", 0),
                of("sctp_assoc_value.assoc_value", OptionCodec.ASSOC_VALUE_VALUE),
                of("sctp_setadaptation.size", OptionCodec.SETADAPTATION_SIZE),
                // struct sctp_sndinfo
                of("sctp_sndinfo.size", SctpConstants.SCTP_SNDINFO_SIZE),
                of("sctp_sndinfo.snd_sid", AssociationOptionCodec.SNDINFO_SID),
                of("sctp_sndinfo.snd_flags", AssociationOptionCodec.SNDINFO_FLAGS),
                of("sctp_sndinfo.snd_ppid", AssociationOptionCodec.SNDINFO_PPID),
                of("sctp_sndinfo.snd_context", AssociationOptionCodec.SNDINFO_CONTEXT),
                of("sctp_sndinfo.snd_assoc_id", AssociationOptionCodec.SNDINFO_ASSOC_ID),
                // struct sctp_default_prinfo
                of("sctp_default_prinfo.size", AssociationOptionCodec.DEFAULT_PRINFO_SIZE),
                of("sctp_default_prinfo.pr_assoc_id", 0),
                of("sctp_default_prinfo.pr_value", AssociationOptionCodec.DEFAULT_PRINFO_VALUE),
                of("sctp_default_prinfo.pr_policy", AssociationOptionCodec.DEFAULT_PRINFO_POLICY),
                // struct sctp_prim (packed)
                of("sctp_prim.size", PathOptionCodec.PRIM_SIZE),
                of("sctp_prim.ssp_assoc_id", 0),
                of("sctp_prim.ssp_addr", PathOptionCodec.PRIM_ADDRESS),
                // struct sctp_paddrinfo (packed)
                of("sctp_paddrinfo.size", StatusCodec.PADDRINFO_SIZE),
                of("sctp_paddrinfo.spinfo_assoc_id", 0),
                of("sctp_paddrinfo.spinfo_address", StatusCodec.PADDRINFO_ADDRESS),
                of("sctp_paddrinfo.spinfo_state", StatusCodec.PADDRINFO_STATE),
                of("sctp_paddrinfo.spinfo_cwnd", StatusCodec.PADDRINFO_CWND),
                of("sctp_paddrinfo.spinfo_srtt", StatusCodec.PADDRINFO_SRTT),
                of("sctp_paddrinfo.spinfo_rto", StatusCodec.PADDRINFO_RTO),
                of("sctp_paddrinfo.spinfo_mtu", StatusCodec.PADDRINFO_MTU),
                // struct sctp_status
                of("sctp_status.size", StatusCodec.STATUS_SIZE),
                of("sctp_status.sstat_assoc_id", StatusCodec.STATUS_ASSOC_ID),
                of("sctp_status.sstat_state", StatusCodec.STATUS_STATE),
                of("sctp_status.sstat_rwnd", StatusCodec.STATUS_RWND),
                of("sctp_status.sstat_unackdata", StatusCodec.STATUS_UNACKDATA),
                of("sctp_status.sstat_penddata", StatusCodec.STATUS_PENDDATA),
                of("sctp_status.sstat_instrms", StatusCodec.STATUS_INSTRMS),
                of("sctp_status.sstat_outstrms", StatusCodec.STATUS_OUTSTRMS),
                of("sctp_status.sstat_fragmentation_point", StatusCodec.STATUS_FRAGMENTATION_POINT),
                of("sctp_status.sstat_primary", StatusCodec.STATUS_PRIMARY),
                // struct sctp_assoc_stats
                of("sctp_assoc_stats.size", StatusCodec.ASSOC_STATS_SIZE),
                of("sctp_assoc_stats.sas_assoc_id", 0),
                of("sctp_assoc_stats.sas_obs_rto_ipaddr", StatusCodec.ASSOC_STATS_OBS_RTO_IPADDR),
                of("sctp_assoc_stats.sas_maxrto", StatusCodec.ASSOC_STATS_MAXRTO),
                of("sctp_assoc_stats.sas_isacks", StatusCodec.ASSOC_STATS_ISACKS),
                of("sctp_assoc_stats.sas_osacks", StatusCodec.ASSOC_STATS_OSACKS),
                of("sctp_assoc_stats.sas_opackets", StatusCodec.ASSOC_STATS_OPACKETS),
                of("sctp_assoc_stats.sas_ipackets", StatusCodec.ASSOC_STATS_IPACKETS),
                of("sctp_assoc_stats.sas_rtxchunks", StatusCodec.ASSOC_STATS_RTXCHUNKS),
                of("sctp_assoc_stats.sas_outofseqtsns", StatusCodec.ASSOC_STATS_OUTOFSEQTSNS),
                of("sctp_assoc_stats.sas_idupchunks", StatusCodec.ASSOC_STATS_IDUPCHUNKS),
                of("sctp_assoc_stats.sas_gapcnt", StatusCodec.ASSOC_STATS_GAPCNT),
                of("sctp_assoc_stats.sas_ouodchunks", StatusCodec.ASSOC_STATS_OUODCHUNKS),
                of("sctp_assoc_stats.sas_iuodchunks", StatusCodec.ASSOC_STATS_IUODCHUNKS),
                of("sctp_assoc_stats.sas_oodchunks", StatusCodec.ASSOC_STATS_OODCHUNKS),
                of("sctp_assoc_stats.sas_iodchunks", StatusCodec.ASSOC_STATS_IODCHUNKS),
                of("sctp_assoc_stats.sas_octrlchunks", StatusCodec.ASSOC_STATS_OCTRLCHUNKS),
                of("sctp_assoc_stats.sas_ictrlchunks", StatusCodec.ASSOC_STATS_ICTRLCHUNKS),
                of("sctp_initmsg.size", SctpConstants.SCTP_INITMSG_SIZE),
                // option numbers
                of("SCTP_RTOINFO", SctpConstants.SCTP_RTOINFO),
                of("SCTP_ASSOCINFO", SctpConstants.SCTP_ASSOCINFO),
                of("SCTP_PRIMARY_ADDR", SctpConstants.SCTP_PRIMARY_ADDR),
                of("SCTP_ADAPTATION_LAYER", SctpConstants.SCTP_ADAPTATION_LAYER),
                of("SCTP_PEER_ADDR_PARAMS", SctpConstants.SCTP_PEER_ADDR_PARAMS),
                of("SCTP_MAXSEG", SctpConstants.SCTP_MAXSEG),
                of("SCTP_STATUS", SctpConstants.SCTP_STATUS),
                of("SCTP_GET_PEER_ADDR_INFO", SctpConstants.SCTP_GET_PEER_ADDR_INFO),
                of("SCTP_DELAYED_SACK", SctpConstants.SCTP_DELAYED_SACK),
                of("SCTP_FRAGMENT_INTERLEAVE", SctpConstants.SCTP_FRAGMENT_INTERLEAVE),
                of("SCTP_PARTIAL_DELIVERY_POINT", SctpConstants.SCTP_PARTIAL_DELIVERY_POINT),
                of("SCTP_MAX_BURST", SctpConstants.SCTP_MAX_BURST),
                of("SCTP_AUTO_ASCONF", OptionCodec.SCTP_AUTO_ASCONF),
                of("SCTP_DEFAULT_SNDINFO", SctpConstants.SCTP_DEFAULT_SNDINFO),
                of("SCTP_REUSE_PORT", SctpConstants.SCTP_REUSE_PORT),
                of("SCTP_GET_ASSOC_STATS", SctpConstants.SCTP_GET_ASSOC_STATS),
                of("SCTP_PR_SUPPORTED", SctpConstants.SCTP_PR_SUPPORTED),
                of("SCTP_DEFAULT_PRINFO", SctpConstants.SCTP_DEFAULT_PRINFO),
                // enum sctp_spp_flags
                of("SPP_HB_ENABLE", PathOptionCodec.SPP_HB_ENABLE),
                of("SPP_HB_DISABLE", PathOptionCodec.SPP_HB_DISABLE),
                of("SPP_HB_DEMAND", PathOptionCodec.SPP_HB_DEMAND),
                of("SPP_PMTUD_ENABLE", PathOptionCodec.SPP_PMTUD_ENABLE),
                of("SPP_PMTUD_DISABLE", PathOptionCodec.SPP_PMTUD_DISABLE),
                of("SPP_SACKDELAY_ENABLE", PathOptionCodec.SPP_SACKDELAY_ENABLE),
                of("SPP_SACKDELAY_DISABLE", PathOptionCodec.SPP_SACKDELAY_DISABLE),
                of("SPP_HB_TIME_IS_ZERO", PathOptionCodec.SPP_HB_TIME_IS_ZERO),
                of("SPP_IPV6_FLOWLABEL", PathOptionCodec.SPP_IPV6_FLOWLABEL),
                of("SPP_DSCP", PathOptionCodec.SPP_DSCP),
                // send flags and PR-SCTP policies
                of("SCTP_UNORDERED", SctpConstants.SCTP_UNORDERED),
                of("SCTP_PR_SCTP_NONE", SctpConstants.SCTP_PR_SCTP_NONE),
                of("SCTP_PR_SCTP_TTL", SctpConstants.SCTP_PR_SCTP_TTL),
                of("SCTP_PR_SCTP_RTX", SctpConstants.SCTP_PR_SCTP_RTX),
                of("SCTP_PR_SCTP_PRIO", SctpConstants.SCTP_PR_SCTP_PRIO),
                // enum sctp_sstat_state
                of("SCTP_EMPTY", AssociationState.EMPTY.code()),
                of("SCTP_CLOSED", AssociationState.CLOSED.code()),
                of("SCTP_COOKIE_WAIT", AssociationState.COOKIE_WAIT.code()),
                of("SCTP_COOKIE_ECHOED", AssociationState.COOKIE_ECHOED.code()),
                of("SCTP_ESTABLISHED", AssociationState.ESTABLISHED.code()),
                of("SCTP_SHUTDOWN_PENDING", AssociationState.SHUTDOWN_PENDING.code()),
                of("SCTP_SHUTDOWN_SENT", AssociationState.SHUTDOWN_SENT.code()),
                of("SCTP_SHUTDOWN_RECEIVED", AssociationState.SHUTDOWN_RECEIVED.code()),
                of("SCTP_SHUTDOWN_ACK_SENT", AssociationState.SHUTDOWN_ACK_SENT.code()),
                // enum sctp_spinfo_state; SCTP_UNKNOWN has no Java code and must map to PathState.UNKNOWN
                of("SCTP_INACTIVE", PathState.INACTIVE.code()),
                of("SCTP_PF", PathState.POTENTIALLY_FAILED.code()),
                of("SCTP_ACTIVE", PathState.ACTIVE.code()),
                of("SCTP_UNCONFIRMED", PathState.UNCONFIRMED.code()),
                of("SCTP_UNKNOWN", 0xffff),
                // RFC 6525 reconfiguration: option names, srs_flags, the SCTP_ENABLE_STREAM_RESET bits, structs
                of("SCTP_RECONFIG_SUPPORTED", ReconfigurationCodec.SCTP_RECONFIG_SUPPORTED),
                of("SCTP_ENABLE_STREAM_RESET", ReconfigurationCodec.SCTP_ENABLE_STREAM_RESET),
                of("SCTP_RESET_STREAMS", ReconfigurationCodec.SCTP_RESET_STREAMS),
                of("SCTP_RESET_ASSOC", ReconfigurationCodec.SCTP_RESET_ASSOC),
                of("SCTP_ADD_STREAMS", ReconfigurationCodec.SCTP_ADD_STREAMS),
                of("SCTP_STREAM_RESET_INCOMING", ReconfigurationCodec.SCTP_STREAM_RESET_INCOMING),
                of("SCTP_STREAM_RESET_OUTGOING", ReconfigurationCodec.SCTP_STREAM_RESET_OUTGOING),
                of("SCTP_ENABLE_RESET_STREAM_REQ", new ReconfigurationRequests(true, false, false).flags()),
                of("SCTP_ENABLE_RESET_ASSOC_REQ", new ReconfigurationRequests(false, true, false).flags()),
                of("SCTP_ENABLE_CHANGE_ASSOC_REQ", new ReconfigurationRequests(false, false, true).flags()),
                of("sctp_reset_streams.size", ReconfigurationCodec.RESET_STREAMS_LIST),
                of("sctp_reset_streams.srs_flags", ReconfigurationCodec.RESET_STREAMS_FLAGS),
                of("sctp_reset_streams.srs_number_streams", ReconfigurationCodec.RESET_STREAMS_NUMBER),
                of("sctp_reset_streams.srs_stream_list", ReconfigurationCodec.RESET_STREAMS_LIST),
                of("sctp_reset_streams.srs_assoc_id.size", ReconfigurationCodec.ASSOC_ID_SIZE),
                of("sctp_add_streams.size", ReconfigurationCodec.ADD_STREAMS_SIZE),
                of("sctp_add_streams.sas_instrms", ReconfigurationCodec.ADD_STREAMS_IN),
                of("sctp_add_streams.sas_outstrms", ReconfigurationCodec.ADD_STREAMS_OUT),
                // SCTP-AUTH: option names and structs
                of("SCTP_AUTH_CHUNK", AuthenticationCodec.SCTP_AUTH_CHUNK),
                of("SCTP_AUTH_KEY", AuthenticationCodec.SCTP_AUTH_KEY),
                of("SCTP_AUTH_ACTIVE_KEY", AuthenticationCodec.SCTP_AUTH_ACTIVE_KEY),
                of("SCTP_AUTH_DELETE_KEY", AuthenticationCodec.SCTP_AUTH_DELETE_KEY),
                of("SCTP_AUTH_DEACTIVATE_KEY", AuthenticationCodec.SCTP_AUTH_DEACTIVATE_KEY),
                of("SCTP_AUTH_SUPPORTED", AuthenticationCodec.SCTP_AUTH_SUPPORTED),
                of("sctp_authkey.size", AuthenticationCodec.AUTHKEY_KEY),
                of("sctp_authkey.sca_keynumber", AuthenticationCodec.AUTHKEY_NUMBER),
                of("sctp_authkey.sca_keylength", AuthenticationCodec.AUTHKEY_LENGTH),
                of("sctp_authkey.sca_key", AuthenticationCodec.AUTHKEY_KEY),
                of("sctp_authkeyid.size", AuthenticationCodec.AUTHKEYID_SIZE),
                of("sctp_authkeyid.scact_keynumber", AuthenticationCodec.AUTHKEYID_NUMBER),
                of("sctp_authchunk.size", AuthenticationCodec.AUTHCHUNK_SIZE),
                // enum sctp_sn_type: the public NotificationType codes (subscriptions and decoding)
                of("SCTP_DATA_IO_EVENT", NotificationType.DATA_IO.code()),
                of("SCTP_ASSOC_CHANGE", NotificationType.ASSOC_CHANGE.code()),
                of("SCTP_PEER_ADDR_CHANGE", NotificationType.PEER_ADDR_CHANGE.code()),
                of("SCTP_SEND_FAILED", NotificationType.SEND_FAILED.code()),
                of("SCTP_REMOTE_ERROR", NotificationType.REMOTE_ERROR.code()),
                of("SCTP_SHUTDOWN_EVENT", NotificationType.SHUTDOWN_EVENT.code()),
                of("SCTP_PARTIAL_DELIVERY_EVENT", NotificationType.PARTIAL_DELIVERY_EVENT.code()),
                of("SCTP_ADAPTATION_INDICATION", NotificationType.ADAPTATION_INDICATION.code()),
                of("SCTP_AUTHENTICATION_EVENT", NotificationType.AUTHENTICATION_EVENT.code()),
                of("SCTP_SENDER_DRY_EVENT", NotificationType.SENDER_DRY_EVENT.code()),
                of("SCTP_STREAM_RESET_EVENT", NotificationType.STREAM_RESET_EVENT.code()),
                of("SCTP_ASSOC_RESET_EVENT", NotificationType.ASSOC_RESET_EVENT.code()),
                of("SCTP_STREAM_CHANGE_EVENT", NotificationType.STREAM_CHANGE_EVENT.code()),
                of("SCTP_SEND_FAILED_EVENT", NotificationType.SEND_FAILED_EVENT.code()));
    }

    private static Arguments of(String name, int javaValue) {
        return Arguments.of(name, javaValue);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("javaValues")
    void javaConstantMatchesTheHeader(String name, int javaValue) {
        assertThat(header.get(name)).as("layouts.c prints " + name).isNotNull();
        assertThat(header.get(name)).as(name + " in <linux/sctp.h>").isEqualTo((long) javaValue);
    }

    static Stream<Arguments> nativeClassConstants() {
        return HeaderProbe.intFieldsOf(SctpConstants.class, EpollConstants.class, SockaddrCodec.class,
                NotificationDecoder.class).stream();
    }

    /**
     * Every int constant of the classes that describe native memory: SctpConstants (options, flags, msghdr, cmsghdr,
     * mmsghdr, iovec and the SCTP cmsg payloads), EpollConstants, SockaddrCodec (the address parser's offsets) and
     * NotificationDecoder (every notification struct it reads). A constant with no line in layouts.c fails too.
     */
    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("nativeClassConstants")
    void nativeConstantMatchesTheHeader(String name, int javaValue) {
        assertThat(header.get(name)).as("layouts.c prints " + name + " (add a line for the new constant)")
                .isNotNull();
        assertThat(header.get(name)).as(name + " in the C headers").isEqualTo((long) javaValue);
    }

    @Test
    void everyPrintedValueIsCheckedByAJavaConstant() {
        List<String> fields = HeaderProbe.intFieldsOf(CHECKED_CLASSES).stream()
                .map(a -> (String) a.get()[0]).toList();
        List<String> named = javaValues().map(a -> (String) a.get()[0]).toList();
        for (String key : header.keySet()) {
            assertThat(named.contains(key) || fields.contains(key))
                    .as("line '" + key + "' of layouts.c has a Java counterpart (a javaValues() entry, or a field"
                            + " of that name)")
                    .isTrue();
        }
    }

    @Test
    void unknownCodesMapToUnknown() {
        assertThat(PathState.of(header.get("SCTP_UNKNOWN").intValue())).isEqualTo(PathState.UNKNOWN);
        assertThat(AssociationState.of(99)).isEqualTo(AssociationState.UNKNOWN);
        assertThat(AssociationState.of(header.get("SCTP_ESTABLISHED").intValue()))
                .isEqualTo(AssociationState.ESTABLISHED);
    }
}
