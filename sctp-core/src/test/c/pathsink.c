/*
 * A multi-homed SCTP receiver in its own process (and, in the fault lab, its own network namespace) that checks what
 * arrives: for the reliability tests, an independent implementation on the far side of the paths they cut and impair.
 *
 * usage: pathsink PORT ADDR [ADDR...]
 *
 * Binds every ADDR (IPv4) at PORT with SCTP_SOCKOPT_BINDX_ADD (no libsctp), prints "listening", accepts one
 * association and reads until the peer shuts down. Each message starts with a sequence number (u32, network order)
 * and a kind (u32: 0 ordered, 1 unordered), numbered per stream and kind from 0. Ordered messages must arrive exactly
 * in sequence; unordered ones exactly once. At the end it prints one line per stream that carried messages and one
 * summary, then closes:
 *   stream S ordered N unordered M
 *   received T errors E duplicates D max-gap-ms G
 * where G is the longest time between two consecutive messages (the fault tests' fail-over time).
 */
#include <unistd.h>

#include "sinkpeer.h"

#define MAX_PER_STREAM (1 << 20)

static long ordered_next[MAX_STREAMS];
static long unordered_count[MAX_STREAMS];
static unsigned char *unordered_seen[MAX_STREAMS];

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: pathsink PORT ADDR [ADDR...]\n");
        return 2;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    int server;
    int fd = sink_accept(argv[1], argv + 2, argc - 2, NULL, &server);

    char buf[65536];
    long received = 0, errors = 0, duplicates = 0;
    double last = 0, max_gap = 0;
    for (;;) {
        int flags;
        unsigned int stream;
        unsigned int ppid;
        ssize_t len = sink_recv(fd, buf, sizeof buf, &flags, &stream, &ppid);
        if (len <= 0) {
            if (len < 0) {
                perror("recvmsg");
            }
            break;
        }
        double t = now_ms();
        if (last > 0 && t - last > max_gap) {
            max_gap = t - last;
        }
        last = t;
        if (!sink_usable(len, 8, stream, flags)) {
            errors++;
            continue;
        }
        received++;
        unsigned int seq, kind;
        memcpy(&seq, buf, 4);
        memcpy(&kind, buf + 4, 4);
        seq = ntohl(seq);
        kind = ntohl(kind);
        if (kind == 0) {
            if (seq != ordered_next[stream]) {
                if (errors < 10) {
                    fprintf(stderr, "stream %u: ordered message %u arrived, %ld expected\n", stream, seq,
                            ordered_next[stream]);
                }
                errors++;
                if ((long) seq < ordered_next[stream]) {
                    duplicates++;
                    continue;
                }
            }
            ordered_next[stream] = (long) seq + 1;
        } else {
            if (seq >= MAX_PER_STREAM) {
                errors++;
                continue;
            }
            if (unordered_seen[stream] == NULL) {
                unordered_seen[stream] = calloc(MAX_PER_STREAM / 8, 1);
            }
            unsigned char bit = (unsigned char) (1u << (seq % 8));
            if (unordered_seen[stream][seq / 8] & bit) {
                duplicates++;
                continue;
            }
            unordered_seen[stream][seq / 8] |= bit;
            unordered_count[stream]++;
        }
    }
    for (int s = 0; s < MAX_STREAMS; s++) {
        if (ordered_next[s] > 0 || unordered_count[s] > 0) {
            printf("stream %d ordered %ld unordered %ld\n", s, ordered_next[s], unordered_count[s]);
        }
    }
    printf("received %ld errors %ld duplicates %ld max-gap-ms %.0f\n", received, errors, duplicates, max_gap);
    close(fd);
    close(server);
    return 0;
}
