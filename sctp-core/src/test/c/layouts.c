/*
 * Prints the sizes, field offsets and constants of <linux/sctp.h> and the socket, epoll and errno headers that
 * dev.sctp.internal.linux relies on, one "name value" per line. LayoutTest compiles and runs this with cc and
 * compares every line with the Java constant of the same meaning, so a wrong offset fails a test instead of
 * corrupting an option.
 */
#define _GNU_SOURCE /* struct mmsghdr */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <linux/sctp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/uio.h>

#define SIZE(s) printf("%s.size %zu\n", #s, sizeof(struct s))
#define OFF(s, f) printf("%s.%s %zu\n", #s, #f, offsetof(struct s, f))
#define FIELD_SIZE(s, f) printf("%s.%s.size %zu\n", #s, #f, sizeof(((struct s *)0)->f))
#define CONST(c) printf("%s %ld\n", #c, (long)(c))
/* "Class.FIELD value" lines: the Java field Class.FIELD must hold this value. Constants are printed as a Java int
 * sees them, so EPOLLET (1u << 31) is negative as it is in Java. */
#define JV(cls, field, expr) printf("%s.%s %d\n", #cls, #field, (int)(expr))
#define JK(cls, c) printf("%s.%s %d\n", #cls, #c, (int)(c)) /* #c here: JV would see c expanded */
#define JSIZE(cls, field, s) JV(cls, field, sizeof(struct s))
#define JOFF(cls, field, s, f) JV(cls, field, offsetof(struct s, f))

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

    /* RFC 6525 reconfiguration and SCTP-AUTH (ReconfigurationCodec, AuthenticationCodec) */
    CONST(SCTP_RECONFIG_SUPPORTED);
    CONST(SCTP_ENABLE_STREAM_RESET);
    CONST(SCTP_RESET_STREAMS);
    CONST(SCTP_RESET_ASSOC);
    CONST(SCTP_ADD_STREAMS);
    CONST(SCTP_STREAM_RESET_INCOMING);
    CONST(SCTP_STREAM_RESET_OUTGOING);
    CONST(SCTP_ENABLE_RESET_STREAM_REQ);
    CONST(SCTP_ENABLE_RESET_ASSOC_REQ);
    CONST(SCTP_ENABLE_CHANGE_ASSOC_REQ);
    CONST(SCTP_AUTH_CHUNK);
    CONST(SCTP_AUTH_KEY);
    CONST(SCTP_AUTH_ACTIVE_KEY);
    CONST(SCTP_AUTH_DELETE_KEY);
    CONST(SCTP_AUTH_DEACTIVATE_KEY);
    CONST(SCTP_AUTH_SUPPORTED);
    SIZE(sctp_reset_streams);
    OFF(sctp_reset_streams, srs_flags);
    OFF(sctp_reset_streams, srs_number_streams);
    OFF(sctp_reset_streams, srs_stream_list);
    FIELD_SIZE(sctp_reset_streams, srs_assoc_id);
    SIZE(sctp_add_streams);
    OFF(sctp_add_streams, sas_instrms);
    OFF(sctp_add_streams, sas_outstrms);
    SIZE(sctp_authkey);
    OFF(sctp_authkey, sca_keynumber);
    OFF(sctp_authkey, sca_keylength);
    OFF(sctp_authkey, sca_key);
    SIZE(sctp_authkeyid);
    OFF(sctp_authkeyid, scact_keynumber);
    SIZE(sctp_authchunk);

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

    CONST(SCTP_DATA_IO_EVENT);
    CONST(SCTP_ASSOC_CHANGE);
    CONST(SCTP_PEER_ADDR_CHANGE);
    CONST(SCTP_SEND_FAILED);
    CONST(SCTP_REMOTE_ERROR);
    CONST(SCTP_SHUTDOWN_EVENT);
    CONST(SCTP_PARTIAL_DELIVERY_EVENT);
    CONST(SCTP_ADAPTATION_INDICATION);
    CONST(SCTP_AUTHENTICATION_EVENT);
    CONST(SCTP_SENDER_DRY_EVENT);
    CONST(SCTP_STREAM_RESET_EVENT);
    CONST(SCTP_ASSOC_RESET_EVENT);
    CONST(SCTP_STREAM_CHANGE_EVENT);
    CONST(SCTP_SEND_FAILED_EVENT);

    /* ---- Constants and layouts the Java classes hold as fields, printed as "Class.FIELD value". LayoutTest
     * reads every static final int field of those classes and requires a line here for each, so a constant added
     * without its header value, or a typo in a name, fails the test as surely as a wrong number. ---- */

    /* SctpConstants: socket layer (sys/socket.h, netinet/in.h) */
    JK(SctpConstants, IPPROTO_SCTP);
    JK(SctpConstants, IPPROTO_IPV6);
    JK(SctpConstants, IPV6_V6ONLY);
    JK(SctpConstants, SOL_SOCKET);
    JK(SctpConstants, SO_REUSEADDR);
    JK(SctpConstants, SO_ERROR);
    JK(SctpConstants, SO_SNDBUF);
    JK(SctpConstants, SO_RCVBUF);
    JK(SctpConstants, SO_LINGER);
    JK(SctpConstants, SO_SNDBUFFORCE);
    JK(SctpConstants, SO_RCVBUFFORCE);
    JK(SctpConstants, SOCK_STREAM);
    JK(SctpConstants, SOCK_SEQPACKET);
    JK(SctpConstants, SOCK_NONBLOCK);
    JK(SctpConstants, SOCK_CLOEXEC);
    JK(SctpConstants, MSG_PEEK);
    JK(SctpConstants, MSG_CTRUNC);
    JK(SctpConstants, MSG_TRUNC);
    JK(SctpConstants, MSG_DONTWAIT);
    JK(SctpConstants, MSG_EOR);
    JK(SctpConstants, MSG_NOSIGNAL);
    JK(SctpConstants, MSG_NOTIFICATION);
    JK(SctpConstants, SHUT_RD);
    JK(SctpConstants, SHUT_WR);
    JK(SctpConstants, SHUT_RDWR);
    /* SOL_SCTP lives in the kernel's include/linux/socket.h, not in the user headers; RFC 6458 makes the SCTP
     * option level the protocol number, IPPROTO_SCTP. */
    JV(SctpConstants, SOL_SCTP, IPPROTO_SCTP);

    /* SctpConstants: linux/sctp.h socket options */
    JK(SctpConstants, SCTP_RTOINFO);
    JK(SctpConstants, SCTP_ASSOCINFO);
    JK(SctpConstants, SCTP_INITMSG);
    JK(SctpConstants, SCTP_NODELAY);
    JK(SctpConstants, SCTP_AUTOCLOSE);
    JK(SctpConstants, SCTP_SET_PEER_PRIMARY_ADDR);
    JK(SctpConstants, SCTP_PRIMARY_ADDR);
    JK(SctpConstants, SCTP_ADAPTATION_LAYER);
    JK(SctpConstants, SCTP_DISABLE_FRAGMENTS);
    JK(SctpConstants, SCTP_PEER_ADDR_PARAMS);
    JK(SctpConstants, SCTP_EVENTS);
    JK(SctpConstants, SCTP_I_WANT_MAPPED_V4_ADDR);
    JK(SctpConstants, SCTP_MAXSEG);
    JK(SctpConstants, SCTP_STATUS);
    JK(SctpConstants, SCTP_GET_PEER_ADDR_INFO);
    JK(SctpConstants, SCTP_DELAYED_SACK);
    JK(SctpConstants, SCTP_CONTEXT);
    JK(SctpConstants, SCTP_FRAGMENT_INTERLEAVE);
    JK(SctpConstants, SCTP_PARTIAL_DELIVERY_POINT);
    JK(SctpConstants, SCTP_MAX_BURST);
    JK(SctpConstants, SCTP_RECVRCVINFO);
    JK(SctpConstants, SCTP_RECVNXTINFO);
    JK(SctpConstants, SCTP_DEFAULT_SNDINFO);
    JK(SctpConstants, SCTP_REUSE_PORT);
    JK(SctpConstants, SCTP_SOCKOPT_BINDX_ADD);
    JK(SctpConstants, SCTP_SOCKOPT_BINDX_REM);
    JK(SctpConstants, SCTP_GET_PEER_ADDRS);
    JK(SctpConstants, SCTP_GET_LOCAL_ADDRS);
    JK(SctpConstants, SCTP_SOCKOPT_CONNECTX);
    JK(SctpConstants, SCTP_SOCKOPT_CONNECTX3);
    JK(SctpConstants, SCTP_GET_ASSOC_STATS);
    JK(SctpConstants, SCTP_PR_SUPPORTED);
    JK(SctpConstants, SCTP_DEFAULT_PRINFO);
    JK(SctpConstants, SCTP_EVENT);

    /* SctpConstants: enum sctp_cmsg_type, enum sctp_sinfo_flags, PR-SCTP policies */
    JK(SctpConstants, SCTP_INIT);
    JK(SctpConstants, SCTP_SNDRCV);
    JK(SctpConstants, SCTP_SNDINFO);
    JK(SctpConstants, SCTP_RCVINFO);
    JK(SctpConstants, SCTP_NXTINFO);
    JK(SctpConstants, SCTP_PRINFO);
    JK(SctpConstants, SCTP_AUTHINFO);
    JK(SctpConstants, SCTP_DSTADDRV4);
    JK(SctpConstants, SCTP_DSTADDRV6);
    JK(SctpConstants, SCTP_UNORDERED);
    JK(SctpConstants, SCTP_ADDR_OVER);
    JK(SctpConstants, SCTP_ABORT);
    JK(SctpConstants, SCTP_SACK_IMMEDIATELY);
    JK(SctpConstants, SCTP_SENDALL);
    JK(SctpConstants, SCTP_EOF);
    JK(SctpConstants, SCTP_PR_SCTP_NONE);
    JK(SctpConstants, SCTP_PR_SCTP_TTL);
    JK(SctpConstants, SCTP_PR_SCTP_RTX);
    JK(SctpConstants, SCTP_PR_SCTP_PRIO);

    /* SctpConstants: the hot path's layouts (msghdr, iovec, cmsghdr, mmsghdr and the SCTP cmsg payloads) */
    JSIZE(SctpConstants, MSGHDR_SIZE, msghdr);
    JOFF(SctpConstants, MSGHDR_NAME, msghdr, msg_name);
    JOFF(SctpConstants, MSGHDR_NAMELEN, msghdr, msg_namelen);
    JOFF(SctpConstants, MSGHDR_IOV, msghdr, msg_iov);
    JOFF(SctpConstants, MSGHDR_IOVLEN, msghdr, msg_iovlen);
    JOFF(SctpConstants, MSGHDR_CONTROL, msghdr, msg_control);
    JOFF(SctpConstants, MSGHDR_CONTROLLEN, msghdr, msg_controllen);
    JOFF(SctpConstants, MSGHDR_FLAGS, msghdr, msg_flags);
    JSIZE(SctpConstants, MMSGHDR_SIZE, mmsghdr);
    JOFF(SctpConstants, MMSGHDR_MSG_LEN, mmsghdr, msg_len);
    JSIZE(SctpConstants, IOVEC_SIZE, iovec);
    JOFF(SctpConstants, IOVEC_BASE, iovec, iov_base);
    JOFF(SctpConstants, IOVEC_LEN, iovec, iov_len);
    JSIZE(SctpConstants, CMSGHDR_SIZE, cmsghdr);
    JOFF(SctpConstants, CMSGHDR_LEN, cmsghdr, cmsg_len);
    JOFF(SctpConstants, CMSGHDR_LEVEL, cmsghdr, cmsg_level);
    JOFF(SctpConstants, CMSGHDR_TYPE, cmsghdr, cmsg_type);
    /* CMSG_DATA's offset from the header, and the alignment CMSG_ALIGN rounds to (cmsgAlign, cmsgSpace). */
    JV(SctpConstants, CMSG_DATA_OFFSET, CMSG_LEN(0));
    JV(SctpConstants, CMSG_ALIGNMENT, CMSG_ALIGN(1));
    JSIZE(SctpConstants, SCTP_SNDINFO_SIZE, sctp_sndinfo);
    JOFF(SctpConstants, SNDINFO_SID, sctp_sndinfo, snd_sid);
    JOFF(SctpConstants, SNDINFO_FLAGS, sctp_sndinfo, snd_flags);
    JOFF(SctpConstants, SNDINFO_PPID, sctp_sndinfo, snd_ppid);
    JOFF(SctpConstants, SNDINFO_CONTEXT, sctp_sndinfo, snd_context);
    JOFF(SctpConstants, SNDINFO_ASSOC_ID, sctp_sndinfo, snd_assoc_id);
    JSIZE(SctpConstants, SCTP_RCVINFO_SIZE, sctp_rcvinfo);
    JOFF(SctpConstants, RCVINFO_SID, sctp_rcvinfo, rcv_sid);
    JOFF(SctpConstants, RCVINFO_SSN, sctp_rcvinfo, rcv_ssn);
    JOFF(SctpConstants, RCVINFO_FLAGS, sctp_rcvinfo, rcv_flags);
    JOFF(SctpConstants, RCVINFO_PPID, sctp_rcvinfo, rcv_ppid);
    JOFF(SctpConstants, RCVINFO_TSN, sctp_rcvinfo, rcv_tsn);
    JOFF(SctpConstants, RCVINFO_CUMTSN, sctp_rcvinfo, rcv_cumtsn);
    JOFF(SctpConstants, RCVINFO_CONTEXT, sctp_rcvinfo, rcv_context);
    JOFF(SctpConstants, RCVINFO_ASSOC_ID, sctp_rcvinfo, rcv_assoc_id);
    JSIZE(SctpConstants, SCTP_NXTINFO_SIZE, sctp_nxtinfo);
    JOFF(SctpConstants, NXTINFO_SID, sctp_nxtinfo, nxt_sid);
    JOFF(SctpConstants, NXTINFO_FLAGS, sctp_nxtinfo, nxt_flags);
    JOFF(SctpConstants, NXTINFO_PPID, sctp_nxtinfo, nxt_ppid);
    JOFF(SctpConstants, NXTINFO_LENGTH, sctp_nxtinfo, nxt_length);
    JOFF(SctpConstants, NXTINFO_ASSOC_ID, sctp_nxtinfo, nxt_assoc_id);
    JSIZE(SctpConstants, SCTP_PRINFO_SIZE, sctp_prinfo);
    JOFF(SctpConstants, PRINFO_POLICY, sctp_prinfo, pr_policy);
    JOFF(SctpConstants, PRINFO_VALUE, sctp_prinfo, pr_value);
    JSIZE(SctpConstants, SCTP_INITMSG_SIZE, sctp_initmsg);
    JOFF(SctpConstants, INITMSG_NUM_OSTREAMS, sctp_initmsg, sinit_num_ostreams);
    JOFF(SctpConstants, INITMSG_MAX_INSTREAMS, sctp_initmsg, sinit_max_instreams);
    JOFF(SctpConstants, INITMSG_MAX_ATTEMPTS, sctp_initmsg, sinit_max_attempts);
    JOFF(SctpConstants, INITMSG_MAX_INIT_TIMEO, sctp_initmsg, sinit_max_init_timeo);
    JOFF(SctpConstants, GETADDRS_ADDR_NUM, sctp_getaddrs, addr_num);
    JOFF(SctpConstants, GETADDRS_ADDRS, sctp_getaddrs, addrs);
    JSIZE(SctpConstants, GETADDRS_OLD_SIZE, sctp_getaddrs_old);
    JOFF(SctpConstants, GETADDRS_OLD_ASSOC_ID, sctp_getaddrs_old, assoc_id);
    JOFF(SctpConstants, GETADDRS_OLD_ADDR_NUM, sctp_getaddrs_old, addr_num);
    JOFF(SctpConstants, GETADDRS_OLD_ADDRS, sctp_getaddrs_old, addrs);
    JSIZE(SctpConstants, LINGER_SIZE, linger);
    JOFF(SctpConstants, LINGER_ONOFF, linger, l_onoff);
    JOFF(SctpConstants, LINGER_LINGER, linger, l_linger);
    JSIZE(SctpConstants, SCTP_EVENT_SIZE, sctp_event);
    JOFF(SctpConstants, EVENT_ASSOC_ID, sctp_event, se_assoc_id);
    JOFF(SctpConstants, EVENT_TYPE, sctp_event, se_type);
    JOFF(SctpConstants, EVENT_ON, sctp_event, se_on);

    /* EpollConstants: sys/epoll.h, sys/eventfd.h */
    JK(EpollConstants, EPOLL_CLOEXEC);
    JK(EpollConstants, EPOLL_CTL_ADD);
    JK(EpollConstants, EPOLL_CTL_DEL);
    JK(EpollConstants, EPOLL_CTL_MOD);
    JK(EpollConstants, EPOLLIN);
    JK(EpollConstants, EPOLLONESHOT);
    JK(EpollConstants, EPOLLOUT);
    JK(EpollConstants, EPOLLERR);
    JK(EpollConstants, EPOLLHUP);
    JK(EpollConstants, EPOLLRDHUP);
    JK(EpollConstants, EPOLLET);
    JK(EpollConstants, EFD_CLOEXEC);
    JK(EpollConstants, EFD_NONBLOCK);
    JSIZE(EpollConstants, EPOLL_EVENT_SIZE, epoll_event);
    JOFF(EpollConstants, EPOLL_EVENT_EVENTS, epoll_event, events);
    JOFF(EpollConstants, EPOLL_EVENT_DATA, epoll_event, data);
    JV(EpollConstants, EVENTFD_VALUE_SIZE, sizeof(eventfd_t));

    /* SockaddrCodec: address families and sockaddr layouts (the address parser's offsets) */
    JK(SockaddrCodec, AF_INET);
    JK(SockaddrCodec, AF_INET6);
    JSIZE(SockaddrCodec, SOCKADDR_IN_SIZE, sockaddr_in);
    JSIZE(SockaddrCodec, SOCKADDR_IN6_SIZE, sockaddr_in6);
    JSIZE(SockaddrCodec, SOCKADDR_STORAGE_SIZE, sockaddr_storage);
    JOFF(SockaddrCodec, PORT_OFFSET, sockaddr_in, sin_port);
    JOFF(SockaddrCodec, IN4_ADDR_OFFSET, sockaddr_in, sin_addr);
    JOFF(SockaddrCodec, IN6_FLOWINFO_OFFSET, sockaddr_in6, sin6_flowinfo);
    JOFF(SockaddrCodec, IN6_ADDR_OFFSET, sockaddr_in6, sin6_addr);
    JOFF(SockaddrCodec, IN6_SCOPE_OFFSET, sockaddr_in6, sin6_scope_id);

    /* NotificationDecoder: union sctp_notification and every notification struct it reads */
    JV(NotificationDecoder, SN_TYPE, offsetof(union sctp_notification, sn_header.sn_type));
    JV(NotificationDecoder, SN_FLAGS, offsetof(union sctp_notification, sn_header.sn_flags));
    JV(NotificationDecoder, SN_LENGTH, offsetof(union sctp_notification, sn_header.sn_length));
    JV(NotificationDecoder, SN_HEADER_SIZE, sizeof(((union sctp_notification *)0)->sn_header));
    JK(NotificationDecoder, SCTP_ASSOC_CHANGE);
    JK(NotificationDecoder, SCTP_PEER_ADDR_CHANGE);
    JK(NotificationDecoder, SCTP_SEND_FAILED);
    JK(NotificationDecoder, SCTP_REMOTE_ERROR);
    JK(NotificationDecoder, SCTP_SHUTDOWN_EVENT);
    JK(NotificationDecoder, SCTP_PARTIAL_DELIVERY_EVENT);
    JK(NotificationDecoder, SCTP_ADAPTATION_INDICATION);
    JK(NotificationDecoder, SCTP_AUTHENTICATION_EVENT);
    JK(NotificationDecoder, SCTP_SENDER_DRY_EVENT);
    JK(NotificationDecoder, SCTP_STREAM_RESET_EVENT);
    JK(NotificationDecoder, SCTP_ASSOC_RESET_EVENT);
    JK(NotificationDecoder, SCTP_STREAM_CHANGE_EVENT);
    JK(NotificationDecoder, SCTP_SEND_FAILED_EVENT);
    JOFF(NotificationDecoder, SAC_STATE, sctp_assoc_change, sac_state);
    JOFF(NotificationDecoder, SAC_ERROR, sctp_assoc_change, sac_error);
    JOFF(NotificationDecoder, SAC_OUTBOUND_STREAMS, sctp_assoc_change, sac_outbound_streams);
    JOFF(NotificationDecoder, SAC_INBOUND_STREAMS, sctp_assoc_change, sac_inbound_streams);
    JOFF(NotificationDecoder, SAC_ASSOC_ID, sctp_assoc_change, sac_assoc_id);
    JOFF(NotificationDecoder, SAC_INFO, sctp_assoc_change, sac_info);
    JSIZE(NotificationDecoder, SAC_SIZE, sctp_assoc_change);
    JOFF(NotificationDecoder, SPC_AADDR, sctp_paddr_change, spc_aaddr);
    JOFF(NotificationDecoder, SPC_STATE, sctp_paddr_change, spc_state);
    JOFF(NotificationDecoder, SPC_ERROR, sctp_paddr_change, spc_error);
    JOFF(NotificationDecoder, SPC_ASSOC_ID, sctp_paddr_change, spc_assoc_id);
    JSIZE(NotificationDecoder, SPC_SIZE, sctp_paddr_change);
    JOFF(NotificationDecoder, SRE_ERROR, sctp_remote_error, sre_error);
    JOFF(NotificationDecoder, SRE_ASSOC_ID, sctp_remote_error, sre_assoc_id);
    JOFF(NotificationDecoder, SRE_DATA, sctp_remote_error, sre_data);
    JSIZE(NotificationDecoder, SRE_SIZE, sctp_remote_error);
    JOFF(NotificationDecoder, SSF_ERROR, sctp_send_failed, ssf_error);
    JOFF(NotificationDecoder, SSF_INFO, sctp_send_failed, ssf_info);
    JOFF(NotificationDecoder, SSF_ASSOC_ID, sctp_send_failed, ssf_assoc_id);
    JOFF(NotificationDecoder, SSF_DATA, sctp_send_failed, ssf_data);
    JSIZE(NotificationDecoder, SSF_SIZE, sctp_send_failed);
    JOFF(NotificationDecoder, SINFO_STREAM, sctp_sndrcvinfo, sinfo_stream);
    JOFF(NotificationDecoder, SINFO_SSN, sctp_sndrcvinfo, sinfo_ssn);
    JOFF(NotificationDecoder, SINFO_FLAGS, sctp_sndrcvinfo, sinfo_flags);
    JOFF(NotificationDecoder, SINFO_PPID, sctp_sndrcvinfo, sinfo_ppid);
    JOFF(NotificationDecoder, SINFO_CONTEXT, sctp_sndrcvinfo, sinfo_context);
    JOFF(NotificationDecoder, SINFO_TIMETOLIVE, sctp_sndrcvinfo, sinfo_timetolive);
    JOFF(NotificationDecoder, SINFO_TSN, sctp_sndrcvinfo, sinfo_tsn);
    JOFF(NotificationDecoder, SINFO_CUMTSN, sctp_sndrcvinfo, sinfo_cumtsn);
    JOFF(NotificationDecoder, SINFO_ASSOC_ID, sctp_sndrcvinfo, sinfo_assoc_id);
    JOFF(NotificationDecoder, SSFE_ERROR, sctp_send_failed_event, ssf_error);
    JOFF(NotificationDecoder, SSFE_INFO, sctp_send_failed_event, ssfe_info);
    JOFF(NotificationDecoder, SSFE_ASSOC_ID, sctp_send_failed_event, ssf_assoc_id);
    JOFF(NotificationDecoder, SSFE_DATA, sctp_send_failed_event, ssf_data);
    JSIZE(NotificationDecoder, SSFE_SIZE, sctp_send_failed_event);
    JOFF(NotificationDecoder, SND_SID, sctp_sndinfo, snd_sid);
    JOFF(NotificationDecoder, SND_FLAGS, sctp_sndinfo, snd_flags);
    JOFF(NotificationDecoder, SND_PPID, sctp_sndinfo, snd_ppid);
    JOFF(NotificationDecoder, SND_CONTEXT, sctp_sndinfo, snd_context);
    JOFF(NotificationDecoder, SND_ASSOC_ID, sctp_sndinfo, snd_assoc_id);
    JOFF(NotificationDecoder, SSE_ASSOC_ID, sctp_shutdown_event, sse_assoc_id);
    JSIZE(NotificationDecoder, SSE_SIZE, sctp_shutdown_event);
    JOFF(NotificationDecoder, SAI_ADAPTATION_IND, sctp_adaptation_event, sai_adaptation_ind);
    JOFF(NotificationDecoder, SAI_ASSOC_ID, sctp_adaptation_event, sai_assoc_id);
    JSIZE(NotificationDecoder, SAI_SIZE, sctp_adaptation_event);
    JOFF(NotificationDecoder, PDAPI_INDICATION, sctp_pdapi_event, pdapi_indication);
    JOFF(NotificationDecoder, PDAPI_ASSOC_ID, sctp_pdapi_event, pdapi_assoc_id);
    JOFF(NotificationDecoder, PDAPI_STREAM, sctp_pdapi_event, pdapi_stream);
    JOFF(NotificationDecoder, PDAPI_SEQ, sctp_pdapi_event, pdapi_seq);
    JSIZE(NotificationDecoder, PDAPI_SIZE, sctp_pdapi_event);
    JOFF(NotificationDecoder, AUTH_KEYNUMBER, sctp_authkey_event, auth_keynumber);
    JOFF(NotificationDecoder, AUTH_ALTKEYNUMBER, sctp_authkey_event, auth_altkeynumber);
    JOFF(NotificationDecoder, AUTH_INDICATION, sctp_authkey_event, auth_indication);
    JOFF(NotificationDecoder, AUTH_ASSOC_ID, sctp_authkey_event, auth_assoc_id);
    JSIZE(NotificationDecoder, AUTH_SIZE, sctp_authkey_event);
    JOFF(NotificationDecoder, SENDER_DRY_ASSOC_ID, sctp_sender_dry_event, sender_dry_assoc_id);
    JSIZE(NotificationDecoder, SENDER_DRY_SIZE, sctp_sender_dry_event);
    JOFF(NotificationDecoder, STRRESET_ASSOC_ID, sctp_stream_reset_event, strreset_assoc_id);
    JOFF(NotificationDecoder, STRRESET_STREAM_LIST, sctp_stream_reset_event, strreset_stream_list);
    JSIZE(NotificationDecoder, STRRESET_SIZE, sctp_stream_reset_event);
    JOFF(NotificationDecoder, ASSOCRESET_ASSOC_ID, sctp_assoc_reset_event, assocreset_assoc_id);
    JOFF(NotificationDecoder, ASSOCRESET_LOCAL_TSN, sctp_assoc_reset_event, assocreset_local_tsn);
    JOFF(NotificationDecoder, ASSOCRESET_REMOTE_TSN, sctp_assoc_reset_event, assocreset_remote_tsn);
    JSIZE(NotificationDecoder, ASSOCRESET_SIZE, sctp_assoc_reset_event);
    JOFF(NotificationDecoder, STRCHANGE_ASSOC_ID, sctp_stream_change_event, strchange_assoc_id);
    JOFF(NotificationDecoder, STRCHANGE_INSTRMS, sctp_stream_change_event, strchange_instrms);
    JOFF(NotificationDecoder, STRCHANGE_OUTSTRMS, sctp_stream_change_event, strchange_outstrms);
    JSIZE(NotificationDecoder, STRCHANGE_SIZE, sctp_stream_change_event);

    /* Errno: errno.h */
    JK(Errno, EPERM);
    JK(Errno, ENOENT);
    JK(Errno, EINTR);
    JK(Errno, EIO);
    JK(Errno, EBADF);
    JK(Errno, EAGAIN);
    JK(Errno, ENOMEM);
    JK(Errno, EACCES);
    JK(Errno, EFAULT);
    JK(Errno, EBUSY);
    JK(Errno, EEXIST);
    JK(Errno, EINVAL);
    JK(Errno, ENFILE);
    JK(Errno, EMFILE);
    JK(Errno, ENOSPC);
    JK(Errno, EPIPE);
    JK(Errno, ENOTSOCK);
    JK(Errno, EDESTADDRREQ);
    JK(Errno, EMSGSIZE);
    JK(Errno, EPROTOTYPE);
    JK(Errno, ENOPROTOOPT);
    JK(Errno, EPROTONOSUPPORT);
    JK(Errno, ESOCKTNOSUPPORT);
    JK(Errno, EOPNOTSUPP);
    JK(Errno, EAFNOSUPPORT);
    JK(Errno, EADDRINUSE);
    JK(Errno, EADDRNOTAVAIL);
    JK(Errno, ENETDOWN);
    JK(Errno, ENETUNREACH);
    JK(Errno, ECONNABORTED);
    JK(Errno, ECONNRESET);
    JK(Errno, ENOBUFS);
    JK(Errno, EISCONN);
    JK(Errno, ENOTCONN);
    JK(Errno, ESHUTDOWN);
    JK(Errno, ETIMEDOUT);
    JK(Errno, ECONNREFUSED);
    JK(Errno, EHOSTDOWN);
    JK(Errno, EHOSTUNREACH);
    JK(Errno, EALREADY);
    JK(Errno, EINPROGRESS);
    return 0;
}
