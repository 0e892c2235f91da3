package dev.sctp.demo;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.integration.annotation.ServiceActivator;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

/** Receives what the client's peer sends back ({@code peerInbound}), logs it and keeps the latest replies. */
@Component
public class PeerReplies {

    private static final Log logger = LogFactory.getLog(PeerReplies.class);
    private static final int KEPT = 100;

    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>(KEPT);

    /**
     * Handles one reply.
     *
     * @param reply the text
     * @param stream the stream it arrived on
     */
    @ServiceActivator(inputChannel = "peerInbound")
    public void onReply(String reply, @Header("sctp_streamId") int stream) {
        logger.info("Reply on stream " + stream + ": " + reply);
        if (!replies.offer(reply)) {
            replies.poll();
            replies.offer(reply);
        }
    }

    /**
     * Takes the oldest kept reply, waiting up to {@code timeout}.
     *
     * @param timeout how long to wait
     * @return the reply, or {@code null} if none arrived in time
     * @throws InterruptedException if interrupted while waiting
     */
    public @Nullable String take(Duration timeout) throws InterruptedException {
        return replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
