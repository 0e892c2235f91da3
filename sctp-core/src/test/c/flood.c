/*
 * A fast SCTP sender in its own process, for SlowReaderTest and measurements: connects to HOST PORT, sends COUNT
 * messages of SIZE bytes as fast as the kernel takes them (blocking socket, SCTP_NODELAY), each starting with its
 * sequence number (u32, network order), then shuts down and waits for the peer to close.
 *
 * usage: flood HOST PORT COUNT SIZE
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <linux/sctp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: flood HOST PORT COUNT SIZE\n");
        return 2;
    }
    long count = atol(argv[3]);
    size_t size = (size_t) atol(argv[4]);
    if (size < 4 || size > 65536) {
        fprintf(stderr, "SIZE must be 4..65536\n");
        return 2;
    }
    int fd = socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
    if (fd < 0) {
        perror("socket");
        return 1;
    }
    int one = 1;
    setsockopt(fd, IPPROTO_SCTP, SCTP_NODELAY, &one, sizeof one);
    struct sockaddr_in to = {0};
    to.sin_family = AF_INET;
    to.sin_port = htons((unsigned short) atoi(argv[2]));
    inet_pton(AF_INET, argv[1], &to.sin_addr);
    if (connect(fd, (struct sockaddr *) &to, sizeof to) < 0) {
        perror("connect");
        return 1;
    }
    char *buf = calloc(1, size);
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (long i = 0; i < count; i++) {
        unsigned int seq = htonl((unsigned int) i);
        memcpy(buf, &seq, 4);
        if (send(fd, buf, size, 0) != (ssize_t) size) {
            perror("send");
            return 1;
        }
    }
    shutdown(fd, SHUT_WR);
    char scratch[64];
    while (recv(fd, scratch, sizeof scratch, 0) > 0) {
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    double seconds = (end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9;
    printf("sent %ld in %.3f s: %.0f msg/s\n", count, seconds, count / seconds);
    close(fd);
    return 0;
}
