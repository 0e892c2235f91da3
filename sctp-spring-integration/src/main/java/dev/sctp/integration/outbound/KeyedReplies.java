package dev.sctp.integration.outbound;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.springframework.messaging.Message;

/**
 * The requests of one association waiting for replies matched by key ({@link SctpReplyCorrelation}): any number per
 * stream, spread over the streams in turn.
 */
final class KeyedReplies {

    private final ConcurrentHashMap<Object, CompletableFuture<Message<byte[]>>> waiting = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();

    /** Registers a request with {@code key}; returns null if one with that key is already waiting. */
    @Nullable CompletableFuture<Message<byte[]>> register(Object key) {
        CompletableFuture<Message<byte[]>> reply = new CompletableFuture<>();
        return waiting.putIfAbsent(key, reply) == null ? reply : null;
    }

    /** Completes the request waiting for {@code key}; returns false if none is (a late or unsolicited message). */
    boolean complete(Object key, Message<byte[]> message) {
        CompletableFuture<Message<byte[]>> reply = waiting.remove(key);
        return reply != null && reply.complete(message);
    }

    /** Forgets the request of {@code key} (it ended: replied, timed out or failed). */
    void remove(Object key, CompletableFuture<Message<byte[]>> reply) {
        waiting.remove(key, reply);
    }

    /** Returns the next stream of {@code streams} in turn. */
    int nextStream(int streams) {
        return Math.floorMod(next.getAndIncrement(), streams);
    }

    /** Returns the number of requests waiting. */
    int inFlight() {
        return waiting.size();
    }

    /** Fails every waiting request with {@code cause}. */
    void failAll(Exception cause) {
        waiting.values().forEach(reply -> reply.completeExceptionally(cause));
        waiting.clear();
    }
}
