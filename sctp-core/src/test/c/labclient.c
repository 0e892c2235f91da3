/*
 * A minimal SCTP client in its own process for the fault lab's crash and restart tests: binds LOCAL:LPORT, so that a
 * restarted client comes back on the same address and port, connects to REMOTE:RPORT, prints "connected", sends one
 * message "hello" on stream 0 and then reads (and prints the size of) whatever arrives until the association ends.
 *
 * usage: labclient LOCAL LPORT REMOTE RPORT
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <linux/sctp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int address(struct sockaddr_in *a, const char *host, const char *port) {
    memset(a, 0, sizeof *a);
    a->sin_family = AF_INET;
    a->sin_port = htons((unsigned short) atoi(port));
    return inet_pton(AF_INET, host, &a->sin_addr) == 1 ? 0 : -1;
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: labclient LOCAL LPORT REMOTE RPORT\n");
        return 2;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    struct sockaddr_in local, remote;
    if (address(&local, argv[1], argv[2]) < 0 || address(&remote, argv[3], argv[4]) < 0) {
        fprintf(stderr, "addresses must be IPv4\n");
        return 2;
    }
    int fd = socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
    if (fd < 0) {
        perror("socket");
        return 1;
    }
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(fd, (struct sockaddr *) &local, sizeof local) < 0) {
        perror("bind");
        return 1;
    }
    if (connect(fd, (struct sockaddr *) &remote, sizeof remote) < 0) {
        perror("connect");
        return 1;
    }
    printf("connected\n");
    if (send(fd, "hello", 5, 0) != 5) {
        perror("send");
        return 1;
    }
    char buf[65536];
    ssize_t n;
    while ((n = recv(fd, buf, sizeof buf, 0)) > 0) {
        printf("received %zd\n", n);
    }
    printf("closed\n");
    close(fd);
    return 0;
}
