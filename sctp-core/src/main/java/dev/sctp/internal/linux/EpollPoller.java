package dev.sctp.internal.linux;

import static dev.sctp.internal.linux.EpollConstants.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * A fixed set of epoll threads that turn readiness into counter bumps and unparks: the JVM equivalent of Go's
 * runtime poller.
 *
 * <p>Internal usage only. Sockets are registered one-shot (EPOLLONESHOT) with no readiness armed; a thread about to
 * wait arms input or output with EPOLL_CTL_MOD, and the first event disarms the socket again (see
 * {@link PollRegistration}). So this thread wakes only for sockets someone waits on: a receiver that keeps finding
 * messages queued, or a sender whose SACKs free buffer space, costs it nothing, where an edge-triggered input
 * registration woke it for every arriving packet. A waiting call costs one epoll_ctl and one park, and an idle
 * socket costs nothing. A thread that waits on a socket never sits inside a native call, which keeps the
 * blocking API safe on virtual threads. Each thread also watches an eventfd, through which {@link #close()}
 * wakes it to exit.
 */
public final class EpollPoller implements AutoCloseable {

    // sys/epoll.h, sys/eventfd.h: EpollConstants, checked against the headers by LayoutTest.
    private static final int EVENT_SIZE = EPOLL_EVENT_SIZE;
    private static final int MAX_EVENTS = 256;
    private static final long WAKEUP_TOKEN = -1L;

    private static final System.Logger LOGGER = System.getLogger(EpollPoller.class.getName());
    private static volatile EpollPoller shared;

    private final Loop[] loops;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger generations = new AtomicInteger();
    private final Object slotLock = new Object();
    private volatile AtomicReferenceArray<PollRegistration> slots = new AtomicReferenceArray<>(64);
    private int[] freeSlots = new int[64];
    private int freeCount;
    private int slotHighWater;
    private volatile boolean closed;

    /** Starts {@code threads} poller threads. */
    public EpollPoller(int threads) throws IOException {
        this(threads, true);
    }

    /** Creates {@code threads} loops and starts their threads only if {@code start} (tests drive them by hand). */
    EpollPoller(int threads, boolean start) throws IOException {
        loops = new Loop[threads];
        try {
            for (int i = 0; i < threads; i++) {
                loops[i] = new Loop(i);
            }
        } catch (IOException | RuntimeException e) {
            closed = true;
            for (Loop loop : loops) {
                if (loop != null) {
                    loop.release(); // never started, so its run() will not free its descriptors
                }
            }
            throw e;
        }
        if (start) {
            for (Loop loop : loops) {
                loop.thread.start();
            }
        }
    }

    /**
     * Returns the process-wide poller, started on first use with {@code sctp.poller.threads} threads (default 1,
     * or 2 on machines with 8 or more processors).
     */
    public static EpollPoller shared() throws IOException {
        EpollPoller p = shared;
        if (p == null) {
            synchronized (EpollPoller.class) {
                p = shared;
                if (p == null) {
                    int fallback = Runtime.getRuntime().availableProcessors() >= 8 ? 2 : 1;
                    int threads = Integer.getInteger("sctp.poller.threads", fallback);
                    p = new EpollPoller(Math.max(1, threads));
                    shared = p;
                }
            }
        }
        return p;
    }

    /** Registers {@code fd} one-shot with no readiness armed yet; waits arm it (see {@link PollRegistration}). */
    public PollRegistration register(int fd) throws IOException {
        if (closed) {
            throw new IOException("the SCTP poller is closed");
        }
        Loop loop = liveLoop();
        PollRegistration registration = claimSlot(fd);
        int slot = registration.slot;
        long token = ((long) registration.generation << 32) | slot;
        registration.loop = loop;
        int r = loop.ctl(EPOLL_CTL_ADD, fd, interest(false, false), token);
        if (r < 0) {
            int errno = -r;
            releaseSlot(slot);
            throw Errno.toException("epoll_ctl(EPOLL_CTL_ADD)", errno);
        }
        return registration;
    }

    // epoll_ctl adds EPOLLERR and EPOLLHUP to every mask: with neither direction armed they are the whole mask, and
    // one-shot disarms after them too.
    private static int interest(boolean readable, boolean writable) {
        return EPOLLONESHOT | EPOLLET | (readable ? EPOLLIN | EPOLLRDHUP : 0) | (writable ? EPOLLOUT : 0);
    }

    /**
     * Sets the armed readiness of a registered fd with EPOLL_CTL_MOD, input if {@code readable}, output if
     * {@code writable}; returns 0 or a negative errno. EPOLL_CTL_MOD re-checks readiness, so a socket that became
     * readable or writable before the call still raises an event and no wake-up is lost.
     */
    int modify(PollRegistration registration, int fd, boolean readable, boolean writable) {
        Loop loop = registration.loop;
        if (loop == null) {
            return -Errno.EBADF;
        }
        long token = ((long) registration.generation << 32) | registration.slot;
        return loop.ctl(EPOLL_CTL_MOD, fd, interest(readable, writable), token);
    }

    /** Returns poller loop {@code index}, for tests. */
    Loop loop(int index) {
        return loops[index];
    }

    /** The next loop in turn whose thread has not died; there is normally no dead one. */
    private Loop liveLoop() throws IOException {
        for (int i = 0; i < loops.length; i++) {
            Loop loop = loops[Math.floorMod(next.getAndIncrement(), loops.length)];
            if (loop.failure == null) {
                return loop;
            }
        }
        throw new IOException("every SCTP poller thread has died; the first because " + loops[0].failure);
    }

    /** Cancels every registration served by {@code loop}, whose thread died: their waits end instead of hanging. */
    private void cancelAll(Loop loop) {
        AtomicReferenceArray<PollRegistration> current = slots;
        for (int i = 0; i < current.length(); i++) {
            PollRegistration registration = current.get(i);
            if (registration != null && registration.loop == loop) {
                registration.cancel();
            }
        }
    }

    void deregister(PollRegistration registration, int fd) {
        Loop loop = registration.loop;
        if (loop != null) {
            // Errors are ignored: the fd is closed right after, which removes it from epoll regardless.
            loop.ctl(EPOLL_CTL_DEL, fd, 0, 0);
        }
        releaseSlot(registration.slot);
    }

    /**
     * Takes a slot and publishes the registration in it under the same lock as a resize, so a concurrent resize
     * cannot copy the slot while it is still empty and leave the registration in the discarded array.
     */
    private PollRegistration claimSlot(int fd) {
        synchronized (slotLock) {
            int slot = takeSlot();
            PollRegistration registration = new PollRegistration(this, fd, slot, generations.incrementAndGet());
            slots.set(slot, registration);
            return registration;
        }
    }

    private int takeSlot() {
        synchronized (slotLock) {
            if (freeCount > 0) {
                return freeSlots[--freeCount];
            }
            int slot = slotHighWater++;
            AtomicReferenceArray<PollRegistration> current = slots;
            if (slot >= current.length()) {
                AtomicReferenceArray<PollRegistration> grown = new AtomicReferenceArray<>(current.length() * 2);
                for (int i = 0; i < current.length(); i++) {
                    grown.set(i, current.get(i));
                }
                slots = grown;
            }
            return slot;
        }
    }

    private void releaseSlot(int slot) {
        synchronized (slotLock) {
            slots.set(slot, null);
            if (freeCount == freeSlots.length) {
                freeSlots = java.util.Arrays.copyOf(freeSlots, freeSlots.length * 2);
            }
            freeSlots[freeCount++] = slot;
        }
    }

    private void dispatch(long token, int events) {
        int slot = (int) token;
        int generation = (int) (token >>> 32);
        AtomicReferenceArray<PollRegistration> current = slots;
        if (slot < 0 || slot >= current.length()) {
            return;
        }
        PollRegistration registration = current.get(slot);
        // A stale event for a slot that was freed and reused carries the old generation and is dropped.
        if (registration == null || registration.generation != generation) {
            return;
        }
        registration.fired((events & (EPOLLIN | EPOLLERR | EPOLLHUP | EPOLLRDHUP)) != 0,
                (events & (EPOLLOUT | EPOLLERR | EPOLLHUP)) != 0);
    }

    /** Returns the number of live poller threads, for resource tests. */
    public int liveThreads() {
        int n = 0;
        for (Loop loop : loops) {
            if (loop != null && loop.thread.isAlive()) {
                n++;
            }
        }
        return n;
    }

    /** Stops the poller threads and closes their epoll and eventfd descriptors. */
    @Override
    public void close() {
        closed = true;
        for (Loop loop : loops) {
            if (loop != null) {
                loop.wake();
            }
        }
        for (Loop loop : loops) {
            if (loop != null && loop.thread.isAlive() && loop.thread != Thread.currentThread()) {
                try {
                    loop.thread.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** One epoll instance and the thread that waits on it. */
    final class Loop implements Runnable {
        private final int epfd;
        private final int eventfd;
        private final NativeBuffer events = new NativeBuffer(EVENT_SIZE * MAX_EVENTS);
        private final NativeBuffer ctlEvent = new NativeBuffer(EVENT_SIZE);
        private final NativeBuffer counter = new NativeBuffer(EVENTFD_VALUE_SIZE);
        private final Thread thread;
        private volatile @Nullable String failure;
        private boolean released; // guarded by this

        Loop(int index) throws IOException {
            epfd = LibC.epoll_create1(EPOLL_CLOEXEC);
            if (epfd < 0) {
                int errno = LibC.errno();
                freeBuffers();
                throw Errno.toException("epoll_create1", errno);
            }
            eventfd = LibC.eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
            if (eventfd < 0) {
                int errno = LibC.errno();
                LibC.close(epfd);
                freeBuffers();
                throw Errno.toException("eventfd", errno);
            }
            int r = ctl(EPOLL_CTL_ADD, eventfd, EPOLLIN | EPOLLET, WAKEUP_TOKEN);
            if (r < 0) {
                int errno = -r;
                LibC.close(eventfd);
                LibC.close(epfd);
                freeBuffers();
                throw Errno.toException("epoll_ctl(eventfd)", errno);
            }
            thread = new Thread(this, "sctp-poller-" + index);
            thread.setDaemon(true);
        }

        /**
         * epoll_ctl(2); returns 0 or a negative errno, and -EBADF once {@link #release()} ran. Under this loop's
         * monitor, like {@link #release()}, so it never uses the freed event buffer or a closed (or reused) epfd.
         */
        synchronized int ctl(int op, int fd, int eventMask, long token) {
            if (released) {
                return -Errno.EBADF;
            }
            ByteBuffer b = ctlEvent.buffer();
            b.putInt(EPOLL_EVENT_EVENTS, eventMask);
            b.putLong(EPOLL_EVENT_DATA, token);
            int r = LibC.epoll_ctl(epfd, op, fd, ctlEvent.address());
            return r < 0 ? -LibC.errno() : r;
        }

        synchronized void wake() {
            if (released) {
                return;
            }
            counter.buffer().putLong(0, 1L);
            LibC.write(eventfd, counter.address(), EVENTFD_VALUE_SIZE);
        }

        @Override
        public void run() {
            ByteBuffer b = events.buffer();
            try {
                while (!closed) {
                    int n = LibC.epoll_wait(epfd, events.address(), MAX_EVENTS, -1);
                    if (n < 0) {
                        int errno = LibC.errno();
                        if (errno == Errno.EINTR) {
                            continue;
                        }
                        // Only a broken epfd or buffer gets here; retrying would spin. The sockets this loop served
                        // get no readiness any more, so their waits end now (as if closed) instead of hanging.
                        failure = "epoll_wait failed: " + Errno.describe(errno);
                        LOGGER.log(System.Logger.Level.ERROR, thread.getName() + " stops: " + failure
                                + "; the sockets it served fail with AsynchronousCloseException");
                        cancelAll(this);
                        return;
                    }
                    for (int i = 0; i < n; i++) {
                        int at = i * EVENT_SIZE;
                        long token = b.getLong(at + EPOLL_EVENT_DATA);
                        if (token != WAKEUP_TOKEN) {
                            dispatch(token, b.getInt(at + EPOLL_EVENT_EVENTS));
                        }
                    }
                }
            } finally {
                release();
            }
        }

        /** Returns whether {@link #release()} ran. */
        synchronized boolean isReleased() {
            return released;
        }

        /**
         * Closes the epoll and eventfd descriptors and frees the buffers, under the monitor that {@link #ctl} and
         * {@link #wake()} hold, so neither can run half before and half after it; idempotent.
         */
        synchronized void release() {
            if (released) {
                return;
            }
            released = true;
            LibC.close(eventfd);
            LibC.close(epfd);
            freeBuffers();
        }

        private void freeBuffers() {
            events.close();
            ctlEvent.close();
            counter.close();
        }
    }
}
