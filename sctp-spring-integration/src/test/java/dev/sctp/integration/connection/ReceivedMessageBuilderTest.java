package dev.sctp.integration.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.integration.support.DefaultMessageBuilderFactory;
import org.springframework.integration.support.MessageBuilderFactory;
import org.springframework.integration.support.MutableMessageBuilderFactory;
import org.springframework.integration.support.MutableMessage;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.GenericMessage;

/**
 * The messages a factory delivers are what its builder factory builds, whether or not the builder's copies of the
 * headers are skipped: same headers (read-only ones and null values left out as the builder leaves them out), same
 * message type, the payload array itself, a new id for every message.
 */
class ReceivedMessageBuilderTest {

    private final ReceivedMessageBuilder messages = new ReceivedMessageBuilder();

    private static Map<String, Object> headers(int stream, int ppid) {
        Map<String, Object> headers = new HashMap<>();
        headers.put("sctp_streamId", stream);
        headers.put("sctp_ppid", ppid);
        headers.put("sctp_associationId", "127.0.0.1:1:2:3");
        return headers;
    }

    @Test
    void everyMessageOfTheDefaultBuilderFactoryCarriesItsOwnHeadersAndPayload() {
        MessageBuilderFactory builders = new DefaultMessageBuilderFactory();
        Message<?> previous = null;
        for (int i = 0; i < 5; i++) {
            byte[] payload = {(byte) i};
            Message<byte[]> message = messages.build(builders, payload, headers(i, 1000 + i));
            assertThat(message).isExactlyInstanceOf(GenericMessage.class);
            assertThat(message.getPayload()).isSameAs(payload);
            assertThat(message.getHeaders()).hasSize(5)
                    .containsEntry("sctp_streamId", i)
                    .containsEntry("sctp_ppid", 1000 + i)
                    .containsKeys(MessageHeaders.ID, MessageHeaders.TIMESTAMP);
            if (previous != null) {
                assertThat(message.getHeaders().getId()).isNotEqualTo(previous.getHeaders().getId());
            }
            previous = message;
        }
    }

    @Test
    void headersTheBuilderFactoryMakesReadOnlyStayOutOfEveryMessage() {
        DefaultMessageBuilderFactory builders = new DefaultMessageBuilderFactory();
        builders.setReadOnlyHeaders("sctp_ppid");
        for (int i = 0; i < 3; i++) {
            Message<byte[]> message = messages.build(builders, new byte[1], headers(1, 46));
            assertThat(message.getHeaders()).containsEntry("sctp_streamId", 1).doesNotContainKey("sctp_ppid");
        }
    }

    @Test
    void aReadOnlyHeaderIsLeftOutOfAMessageWithAsManyHeadersUnderOtherNames() {
        DefaultMessageBuilderFactory builders = new DefaultMessageBuilderFactory();
        builders.setReadOnlyHeaders("custom_flag");
        messages.build(builders, new byte[1], headers(1, 46));
        messages.build(builders, new byte[1], headers(1, 46));
        Map<String, Object> other = headers(1, 46);
        other.remove("sctp_ppid");
        other.put("custom_flag", "x"); // as many headers as before, one of them read-only

        Message<byte[]> message = messages.build(builders, new byte[1], other);

        assertThat(message.getHeaders()).doesNotContainKey("custom_flag").containsEntry("sctp_streamId", 1);
    }

    @Test
    void aNullHeaderValueIsLeftOutAfterMessagesWithoutOne() {
        MessageBuilderFactory builders = new DefaultMessageBuilderFactory();
        messages.build(builders, new byte[1], headers(1, 46));
        messages.build(builders, new byte[1], headers(1, 46));
        Map<String, Object> withNull = headers(1, 46);
        withNull.put("sctp_ppid", null);

        Message<byte[]> message = messages.build(builders, new byte[1], withNull);

        assertThat(message.getHeaders()).doesNotContainKey("sctp_ppid").containsEntry("sctp_streamId", 1);
    }

    @Test
    void anotherBuilderFactoryStillBuildsEveryMessage() {
        MessageBuilderFactory builders = new MutableMessageBuilderFactory();
        for (int i = 0; i < 3; i++) {
            assertThat(messages.build(builders, new byte[1], headers(1, 46))).isInstanceOf(MutableMessage.class);
        }
    }

    @Test
    void aChangeOfBuilderFactoryIsHonoured() {
        messages.build(new DefaultMessageBuilderFactory(), new byte[1], headers(1, 46));
        messages.build(new DefaultMessageBuilderFactory(), new byte[1], headers(1, 46));
        DefaultMessageBuilderFactory readOnly = new DefaultMessageBuilderFactory();
        readOnly.setReadOnlyHeaders("sctp_streamId");

        assertThat(messages.build(readOnly, new byte[1], headers(1, 46)).getHeaders())
                .doesNotContainKey("sctp_streamId");
    }
}
