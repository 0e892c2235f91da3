package dev.sctp.demo;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.integration.annotation.InboundChannelAdapter;
import org.springframework.integration.annotation.Poller;
import org.springframework.stereotype.Component;

/** Sends {@code ping N} through the client {@code peer} every {@code demo.ping.interval}. */
@Component
@ConditionalOnBooleanProperty(name = "demo.ping.enabled", matchIfMissing = true)
public class Pinger {

    private final AtomicLong count = new AtomicLong();

    /**
     * Returns the next ping, which the poller sends to {@code peerOutbound}.
     *
     * @return the text
     */
    @InboundChannelAdapter(channel = "peerOutbound", poller = @Poller(fixedDelay = "${demo.ping.interval:PT5S}"))
    public String ping() {
        return "ping " + count.incrementAndGet();
    }
}
