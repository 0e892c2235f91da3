package dev.sctp.boot.autoconfigure;

import dev.sctp.integration.connection.SctpAssociation;
import dev.sctp.integration.connection.SctpReceivedMessage;
import dev.sctp.integration.support.SctpHeaderMapper;
import java.util.Map;
import org.springframework.messaging.MessageHeaders;

/**
 * The header mapper of auto-configured factories: besides the SCTP headers, each received message gets the
 * listener's or client's outbound channel (by name) as its {@code replyChannel} header. A
 * {@code @ServiceActivator} without {@code outputChannel} then answers on the association and stream the request
 * came from, as users of TCP inbound gateways expect; an explicit output channel still takes precedence.
 *
 * <p>The name is put into the header map the mapper builds anyway, so this costs no allocation per message.
 */
final class SctpReplyChannelHeaderMapper extends SctpHeaderMapper {

    private final String replyChannel;

    SctpReplyChannelHeaderMapper(String replyChannel) {
        this.replyChannel = replyChannel;
    }

    @Override
    public Map<String, Object> toHeaders(SctpAssociation association, SctpReceivedMessage message) {
        Map<String, Object> headers = super.toHeaders(association, message);
        headers.putIfAbsent(MessageHeaders.REPLY_CHANNEL, replyChannel);
        return headers;
    }

    /** Returns the name of the channel replies go to. */
    String getReplyChannel() {
        return replyChannel;
    }
}
