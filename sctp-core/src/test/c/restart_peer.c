/*
 * An SCTP peer in its own process for AssociationRestartTest: binds LOCAL_IP:LOCAL_PORT, connects to
 * REMOTE_IP:REMOTE_PORT, prints "connected <port>" (the local port, useful when LOCAL_PORT is 0), then waits for a
 * line on stdin. On "abort" it closes with SO_LINGER {1, 0}, which makes the kernel send ABORT and forget the
 * association at once (freeing the port for the next process), prints "aborted" and exits.
 *
 * usage: restart_peer LOCAL_IP LOCAL_PORT REMOTE_IP REMOTE_PORT
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <linux/sctp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static void address(struct sockaddr_in *a, const char *ip, const char *port) {
    memset(a, 0, sizeof *a);
    a->sin_family = AF_INET;
    a->sin_port = htons((unsigned short) atoi(port));
    if (inet_pton(AF_INET, ip, &a->sin_addr) != 1) {
        fprintf(stderr, "bad address %s\n", ip);
        exit(2);
    }
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: restart_peer LOCAL_IP LOCAL_PORT REMOTE_IP REMOTE_PORT\n");
        return 2;
    }
    int fd = socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
    if (fd < 0) {
        perror("socket");
        return 1;
    }
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in local, remote;
    address(&local, argv[1], argv[2]);
    address(&remote, argv[3], argv[4]);
    if (bind(fd, (struct sockaddr *) &local, sizeof local) < 0) {
        perror("bind");
        return 1;
    }
    if (connect(fd, (struct sockaddr *) &remote, sizeof remote) < 0) {
        perror("connect");
        return 1;
    }
    socklen_t len = sizeof local;
    getsockname(fd, (struct sockaddr *) &local, &len);
    printf("connected %d\n", ntohs(local.sin_port));
    fflush(stdout);
    char line[64];
    while (fgets(line, sizeof line, stdin) != NULL) {
        if (strncmp(line, "abort", 5) == 0) {
            struct linger abort_on_close = {1, 0};
            setsockopt(fd, SOL_SOCKET, SO_LINGER, &abort_on_close, sizeof abort_on_close);
            close(fd);
            printf("aborted\n");
            fflush(stdout);
            return 0;
        }
    }
    close(fd);
    return 0;
}
