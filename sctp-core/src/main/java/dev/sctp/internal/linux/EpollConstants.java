package dev.sctp.internal.linux;

/**
 * The epoll and eventfd constants and the {@code struct epoll_event} layout of Linux on x86_64, for
 * {@link EpollPoller}.
 *
 * <p>Internal usage only. {@code LayoutTest} compares every value with {@code <sys/epoll.h>} and
 * {@code <sys/eventfd.h>}, compiled on the machine that runs the tests.
 */
final class EpollConstants {

    private EpollConstants() {
    }

    // sys/epoll.h
    /** {@code EPOLL_CLOEXEC}, for epoll_create1. */
    static final int EPOLL_CLOEXEC = 0x80000;
    /** {@code EPOLL_CTL_ADD}. */
    static final int EPOLL_CTL_ADD = 1;
    /** {@code EPOLL_CTL_DEL}. */
    static final int EPOLL_CTL_DEL = 2;
    /** {@code EPOLL_CTL_MOD}. */
    static final int EPOLL_CTL_MOD = 3;
    /** {@code EPOLLIN}. */
    static final int EPOLLIN = 0x001;
    /** {@code EPOLLOUT}. */
    static final int EPOLLOUT = 0x004;
    /** {@code EPOLLERR}. */
    static final int EPOLLERR = 0x008;
    /** {@code EPOLLHUP}. */
    static final int EPOLLHUP = 0x010;
    /** {@code EPOLLRDHUP}. */
    static final int EPOLLRDHUP = 0x2000;
    /** {@code EPOLLONESHOT}: {@code 1u << 30}; after one event the fd reports nothing until EPOLL_CTL_MOD. */
    static final int EPOLLONESHOT = 1 << 30;
    /** {@code EPOLLET}: {@code 1u << 31}, negative as a Java int. */
    static final int EPOLLET = 1 << 31;

    // sys/eventfd.h
    /** {@code EFD_CLOEXEC}. */
    static final int EFD_CLOEXEC = 0x80000;
    /** {@code EFD_NONBLOCK}. */
    static final int EFD_NONBLOCK = 0x800;
    /** {@code sizeof(eventfd_t)}: an eventfd is read and written 8 bytes (a u64 counter) at a time. */
    static final int EVENTFD_VALUE_SIZE = 8;

    // struct epoll_event is packed on x86_64 (__EPOLL_PACKED): events u32 @0, data u64 @4, 12 bytes. Other
    // architectures align data to 8 and take 16 bytes, one reason SctpAvailability refuses them.
    /** {@code sizeof(struct epoll_event)}. */
    static final int EPOLL_EVENT_SIZE = 12;
    /** {@code offsetof(struct epoll_event, events)}. */
    static final int EPOLL_EVENT_EVENTS = 0;
    /** {@code offsetof(struct epoll_event, data)}. */
    static final int EPOLL_EVENT_DATA = 4;
}
