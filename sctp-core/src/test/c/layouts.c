/*
 * Prints the sizes, field offsets and constants of <linux/sctp.h> that the option and status codecs of
 * dev.sctp.internal.linux rely on, one "name value" per line. LayoutTest compiles and runs this with cc and
 * compares every line with the Java constant of the same meaning, so a wrong offset fails a test instead of
 * corrupting an option.
 */
#include <stddef.h>
#include <stdio.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <linux/sctp.h>

#define SIZE(s) printf("%s.size %zu\n", #s, sizeof(struct s))
#define OFF(s, f) printf("%s.%s %zu\n", #s, #f, offsetof(struct s, f))
#define FIELD_SIZE(s, f) printf("%s.%s.size %zu\n", #s, #f, sizeof(((struct s *)0)->f))
#define CONST(c) printf("%s %ld\n", #c, (long)(c))

int main(void) {
    SIZE(sctp_rtoinfo);
    OFF(sctp_rtoinfo, srto_assoc_id);
    OFF(sctp_rtoinfo, srto_initial);
    OFF(sctp_rtoinfo, srto_max);
    OFF(sctp_rtoinfo, srto_min);

    SIZE(sctp_assocparams);
    OFF(sctp_assocparams, sasoc_asocmaxrxt);
    OFF(sctp_assocparams, sasoc_number_peer_destinations);
    OFF(sctp_assocparams, sasoc_peer_rwnd);
    OFF(sctp_assocparams, sasoc_local_rwnd);
    OFF(sctp_assocparams, sasoc_cookie_life);

    SIZE(sctp_paddrparams);
    OFF(sctp_paddrparams, spp_assoc_id);
    OFF(sctp_paddrparams, spp_address);
    OFF(sctp_paddrparams, spp_hbinterval);
    OFF(sctp_paddrparams, spp_pathmaxrxt);
    OFF(sctp_paddrparams, spp_pathmtu);
    OFF(sctp_paddrparams, spp_sackdelay);
    OFF(sctp_paddrparams, spp_flags);
    OFF(sctp_paddrparams, spp_ipv6_flowlabel);
    OFF(sctp_paddrparams, spp_dscp);

    SIZE(sctp_sack_info);
    OFF(sctp_sack_info, sack_assoc_id);
    OFF(sctp_sack_info, sack_delay);
    OFF(sctp_sack_info, sack_freq);

    SIZE(sctp_assoc_value);
    OFF(sctp_assoc_value, assoc_id);
    OFF(sctp_assoc_value, assoc_value);

    SIZE(sctp_setadaptation);

    SIZE(sctp_sndinfo);
    OFF(sctp_sndinfo, snd_sid);
    OFF(sctp_sndinfo, snd_flags);
    OFF(sctp_sndinfo, snd_ppid);
    OFF(sctp_sndinfo, snd_context);
    OFF(sctp_sndinfo, snd_assoc_id);

    SIZE(sctp_default_prinfo);
    OFF(sctp_default_prinfo, pr_assoc_id);
    OFF(sctp_default_prinfo, pr_value);
    OFF(sctp_default_prinfo, pr_policy);

    SIZE(sctp_prim);
    OFF(sctp_prim, ssp_assoc_id);
    OFF(sctp_prim, ssp_addr);

    SIZE(sctp_paddrinfo);
    OFF(sctp_paddrinfo, spinfo_assoc_id);
    OFF(sctp_paddrinfo, spinfo_address);
    OFF(sctp_paddrinfo, spinfo_state);
    OFF(sctp_paddrinfo, spinfo_cwnd);
    OFF(sctp_paddrinfo, spinfo_srtt);
    OFF(sctp_paddrinfo, spinfo_rto);
    OFF(sctp_paddrinfo, spinfo_mtu);

    SIZE(sctp_status);
    OFF(sctp_status, sstat_assoc_id);
    OFF(sctp_status, sstat_state);
    OFF(sctp_status, sstat_rwnd);
    OFF(sctp_status, sstat_unackdata);
    OFF(sctp_status, sstat_penddata);
    OFF(sctp_status, sstat_instrms);
    OFF(sctp_status, sstat_outstrms);
    OFF(sctp_status, sstat_fragmentation_point);
    OFF(sctp_status, sstat_primary);

    SIZE(sctp_assoc_stats);
    OFF(sctp_assoc_stats, sas_assoc_id);
    OFF(sctp_assoc_stats, sas_obs_rto_ipaddr);
    OFF(sctp_assoc_stats, sas_maxrto);
    OFF(sctp_assoc_stats, sas_isacks);
    OFF(sctp_assoc_stats, sas_osacks);
    OFF(sctp_assoc_stats, sas_opackets);
    OFF(sctp_assoc_stats, sas_ipackets);
    OFF(sctp_assoc_stats, sas_rtxchunks);
    OFF(sctp_assoc_stats, sas_outofseqtsns);
    OFF(sctp_assoc_stats, sas_idupchunks);
    OFF(sctp_assoc_stats, sas_gapcnt);
    OFF(sctp_assoc_stats, sas_ouodchunks);
    OFF(sctp_assoc_stats, sas_iuodchunks);
    OFF(sctp_assoc_stats, sas_oodchunks);
    OFF(sctp_assoc_stats, sas_iodchunks);
    OFF(sctp_assoc_stats, sas_octrlchunks);
    OFF(sctp_assoc_stats, sas_ictrlchunks);

    SIZE(sctp_initmsg);
    FIELD_SIZE(sctp_paddrparams, spp_address);

    CONST(SCTP_RTOINFO);
    CONST(SCTP_ASSOCINFO);
    CONST(SCTP_PRIMARY_ADDR);
    CONST(SCTP_ADAPTATION_LAYER);
    CONST(SCTP_PEER_ADDR_PARAMS);
    CONST(SCTP_MAXSEG);
    CONST(SCTP_STATUS);
    CONST(SCTP_GET_PEER_ADDR_INFO);
    CONST(SCTP_DELAYED_SACK);
    CONST(SCTP_FRAGMENT_INTERLEAVE);
    CONST(SCTP_PARTIAL_DELIVERY_POINT);
    CONST(SCTP_MAX_BURST);
    CONST(SCTP_AUTO_ASCONF);
    CONST(SCTP_DEFAULT_SNDINFO);
    CONST(SCTP_REUSE_PORT);
    CONST(SCTP_GET_ASSOC_STATS);
    CONST(SCTP_PR_SUPPORTED);
    CONST(SCTP_DEFAULT_PRINFO);

    CONST(SPP_HB_ENABLE);
    CONST(SPP_HB_DISABLE);
    CONST(SPP_HB_DEMAND);
    CONST(SPP_PMTUD_ENABLE);
    CONST(SPP_PMTUD_DISABLE);
    CONST(SPP_SACKDELAY_ENABLE);
    CONST(SPP_SACKDELAY_DISABLE);
    CONST(SPP_HB_TIME_IS_ZERO);
    CONST(SPP_IPV6_FLOWLABEL);
    CONST(SPP_DSCP);

    CONST(SCTP_UNORDERED);
    CONST(SCTP_PR_SCTP_NONE);
    CONST(SCTP_PR_SCTP_TTL);
    CONST(SCTP_PR_SCTP_RTX);
    CONST(SCTP_PR_SCTP_PRIO);

    CONST(SCTP_EMPTY);
    CONST(SCTP_CLOSED);
    CONST(SCTP_COOKIE_WAIT);
    CONST(SCTP_COOKIE_ECHOED);
    CONST(SCTP_ESTABLISHED);
    CONST(SCTP_SHUTDOWN_PENDING);
    CONST(SCTP_SHUTDOWN_SENT);
    CONST(SCTP_SHUTDOWN_RECEIVED);
    CONST(SCTP_SHUTDOWN_ACK_SENT);

    CONST(SCTP_INACTIVE);
    CONST(SCTP_PF);
    CONST(SCTP_ACTIVE);
    CONST(SCTP_UNCONFIRMED);
    CONST(SCTP_UNKNOWN);
    return 0;
}
