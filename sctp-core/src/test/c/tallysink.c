/*
 * A multi-homed SCTP receiver in its own process that counts what arrives and reports how its association ended:
 * the independent peer of the Spring-level reliability tests (path failure, peer crash, close under load).
 *
 * usage: tallysink [--echo] PORT ADDR [ADDR...]
 *
 * Binds every ADDR (IPv4) at PORT with SCTP_SOCKOPT_BINDX_ADD, subscribes to association and shutdown events, prints
 * "listening", accepts one association and reads until it ends. Each message starts with a sequence number (u32,
 * network order), numbered per stream by the sender; on each stream the numbers must rise (a sender may skip
 * numbers whose send failed, so the first one and gaps are reported, not errors). A number that does not rise is a
 * duplicate or out of order, an error.
 *
 * While the association is up and nothing arrives for 200 ms it prints "idle T" (T messages so far), every 200 ms:
 * a test that cut every path waits for it to know that this side has read everything its kernel acknowledged.
 * At the end it prints one line per stream that carried messages, how the association ended and a summary:
 *   stream S count N first F last L gaps G
 *   max-gap before stream S seq N
 *   end shutdown|comm_lost|eof|error
 *   received T errors E max-gap-ms G
 * "shutdown" means SCTP_SHUTDOWN_EVENT (the peer shut down gracefully); "comm_lost" an ASSOC_CHANGE COMM_LOST (an
 * ABORT, or the peer stopped answering). G is the longest time between two consecutive messages, and "max-gap
 * before" names the message that ended it.
 */
#include <errno.h>
#include <poll.h>
#include <unistd.h>

#include "sinkpeer.h"

static long count[MAX_STREAMS];
static long first[MAX_STREAMS];
static long last[MAX_STREAMS];
static long gaps[MAX_STREAMS];

/* Sends len bytes of buf on stream with ppid (as received: the kernel passes it through unchanged). */
static ssize_t send_back(int fd, const char *buf, size_t len, unsigned int stream, unsigned int ppid) {
    struct sctp_sndinfo info;
    memset(&info, 0, sizeof info);
    info.snd_sid = (unsigned short) stream;
    info.snd_ppid = ppid;
    char control[CMSG_SPACE(sizeof info)];
    memset(control, 0, sizeof control);
    struct iovec iov = {(void *) buf, len};
    struct msghdr msg = {0};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = IPPROTO_SCTP;
    c->cmsg_type = SCTP_SNDINFO;
    c->cmsg_len = CMSG_LEN(sizeof info);
    memcpy(CMSG_DATA(c), &info, sizeof info);
    return sendmsg(fd, &msg, MSG_NOSIGNAL);
}

int main(int argc, char **argv) {
    int echo = argc > 1 && strcmp(argv[1], "--echo") == 0;
    if (echo) {
        argv++;
        argc--;
    }
    if (argc < 3) {
        fprintf(stderr, "usage: tallysink [--echo] PORT ADDR [ADDR...]\n");
        return 2;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    // set on the listener, so the accepted association has them from its first notification on
    struct sctp_event_subscribe events;
    memset(&events, 0, sizeof events);
    events.sctp_association_event = 1;
    events.sctp_shutdown_event = 1;
    int server;
    int fd = sink_accept(argv[1], argv + 2, argc - 2, &events, &server);

    static char buf[65536];
    long received = 0, errors = 0;
    int shutdown_seen = 0, lost_seen = 0, failed = 0;
    double last_at = 0, max_gap = 0;
    unsigned int gap_stream = 0, gap_seq = 0;
    for (;;) {
        struct pollfd p = {fd, POLLIN, 0};
        int ready = poll(&p, 1, 200);
        if (ready == 0) {
            printf("idle %ld\n", received);
            continue;
        }
        if (ready < 0 && errno == EINTR) {
            continue;
        }
        int flags;
        unsigned int stream;
        unsigned int ppid;
        ssize_t len = sink_recv(fd, buf, sizeof buf, &flags, &stream, &ppid);
        if (len <= 0) {
            if (len < 0) {
                perror("recvmsg");
                failed = 1;
            }
            break;
        }
        if (flags & MSG_NOTIFICATION) {
            union sctp_notification *note = (union sctp_notification *) buf;
            if ((size_t) len >= sizeof note->sn_header && note->sn_header.sn_type == SCTP_SHUTDOWN_EVENT) {
                shutdown_seen = 1;
            } else if ((size_t) len >= sizeof note->sn_assoc_change
                    && note->sn_header.sn_type == SCTP_ASSOC_CHANGE
                    && note->sn_assoc_change.sac_state == SCTP_COMM_LOST) {
                lost_seen = 1;
            }
            continue;
        }
        double t = now_ms();
        if (!sink_usable(len, 4, stream, flags)) {
            errors++;
            continue;
        }
        received++;
        unsigned int seq;
        memcpy(&seq, buf, 4);
        seq = ntohl(seq);
        if (echo) {
            if (send_back(fd, buf, (size_t) len, stream, ppid) < 0) {
                perror("sendmsg");
                failed = 1;
                break;
            }
            count[stream]++;
            last_at = t;
            continue;
        }
        if (last_at > 0 && t - last_at > max_gap) {
            max_gap = t - last_at;
            gap_stream = stream;
            gap_seq = seq;
        }
        last_at = t;
        if (count[stream] == 0) {
            first[stream] = seq;
        } else if ((long) seq <= last[stream]) {
            if (errors < 10) {
                fprintf(stderr, "stream %u: message %u arrived after %ld\n", stream, seq, last[stream]);
            }
            errors++;
            continue;
        } else if ((long) seq != last[stream] + 1) {
            gaps[stream]++;
        }
        last[stream] = seq;
        count[stream]++;
    }
    for (int s = 0; s < MAX_STREAMS; s++) {
        if (count[s] > 0) {
            printf("stream %d count %ld first %ld last %ld gaps %ld\n", s, count[s], first[s], last[s], gaps[s]);
        }
    }
    printf("max-gap before stream %u seq %u\n", gap_stream, gap_seq);
    printf("end %s\n", lost_seen ? "comm_lost" : shutdown_seen ? "shutdown" : failed ? "error" : "eof");
    printf("received %ld errors %ld max-gap-ms %.0f\n", received, errors, max_gap);
    close(fd);
    close(server);
    return 0;
}
