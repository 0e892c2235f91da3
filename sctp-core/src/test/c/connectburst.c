/*
 * A client in its own process for the listener's accept-queue tests: opens SEQ one-to-one associations to
 * HOST:PORT one after the other (blocking connect), then CONC more at the same moment (one thread each, released
 * together), counts the connects the listener refused (ECONNREFUSED: Linux answers an INIT with ABORT when the
 * accept queue is full) and keeps every association open until its standard input ends.
 *
 * Prints "sequential established=E refused=R", then "concurrent established=E refused=R", then "closed" after
 * stdin ends and every socket is closed. Any other failure prints "error TEXT" and exits 1.
 *
 * usage: connectburst HOST PORT SEQ CONC
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <linux/sctp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static struct sockaddr_in to;
static int *fds;
static pthread_barrier_t start;

/* Returns the connected socket, -1 if the listener refused, and exits on any other error. */
static int connect_one(void) {
    int fd = socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
    if (fd < 0) {
        printf("error socket: %s\n", strerror(errno));
        exit(1);
    }
    if (connect(fd, (struct sockaddr *) &to, sizeof to) == 0) return fd;
    int e = errno;
    close(fd);
    if (e == ECONNREFUSED) return -1;
    printf("error connect: %s\n", strerror(e));
    exit(1);
}

static void *concurrent(void *slot) {
    pthread_barrier_wait(&start);
    *(int *) slot = connect_one();
    return NULL;
}

static void report(const char *phase, const int *from, int n) {
    int established = 0;
    for (int i = 0; i < n; i++) established += from[i] >= 0;
    printf("%s established=%d refused=%d\n", phase, established, n - established);
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: connectburst HOST PORT SEQ CONC\n");
        return 2;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    int seq = atoi(argv[3]), conc = atoi(argv[4]);
    to.sin_family = AF_INET;
    to.sin_port = htons((unsigned short) atoi(argv[2]));
    if (inet_pton(AF_INET, argv[1], &to.sin_addr) != 1 || seq < 0 || conc < 0) {
        printf("error bad arguments: HOST is an IPv4 address, SEQ and CONC are counts\n");
        return 1;
    }
    fds = calloc((size_t) (seq + conc + 1), sizeof *fds);
    pthread_t *threads = calloc((size_t) conc + 1, sizeof *threads);
    if (!fds || !threads) {
        printf("error out of memory\n");
        return 1;
    }
    for (int i = 0; i < seq; i++) fds[i] = connect_one();
    report("sequential", fds, seq);
    if (conc > 0) {
        pthread_barrier_init(&start, NULL, (unsigned) conc);
        for (int i = 0; i < conc; i++) {
            int e = pthread_create(&threads[i], NULL, concurrent, &fds[seq + i]);
            if (e != 0) {
                printf("error pthread_create: %s\n", strerror(e));
                return 1;
            }
        }
        for (int i = 0; i < conc; i++) pthread_join(threads[i], NULL);
    }
    report("concurrent", fds + seq, conc);
    char buf[64];
    while (read(0, buf, sizeof buf) > 0) {
    }
    for (int i = 0; i < seq + conc; i++)
        if (fds[i] >= 0) close(fds[i]);
    printf("closed\n");
    return 0;
}
