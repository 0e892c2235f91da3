package dev.sctp.integration.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sctp.SendInfo;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;

/** Header mapping and SpEL resolution of send information; no kernel needed. */
class SctpSendInfoResolverTest {

    private static final SpelExpressionParser PARSER = new SpelExpressionParser();

    private final SctpSendInfoResolver resolver = new SctpSendInfoResolver();

    @Test
    void usesDefaultsWhenNothingIsSaid() {
        resolver.setDefaults(SendInfo.of(2, 46));
        assertThat(resolver.resolve(MessageBuilder.withPayload("x").build())).isEqualTo(SendInfo.of(2, 46));
    }

    @Test
    void headersOverrideDefaults() {
        resolver.setDefaults(SendInfo.of(2, 46));
        Message<String> message = MessageBuilder.withPayload("x")
                .setHeader(SctpHeaders.STREAM_ID, 5)
                .setHeader(SctpHeaders.PPID, 4_000_000_000L)
                .setHeader(SctpHeaders.UNORDERED, "true")
                .setHeader(SctpHeaders.CONTEXT, "9")
                .setHeader(SctpHeaders.LIFETIME, Duration.ofMillis(250))
                .build();
        SendInfo info = resolver.resolve(message);
        assertThat(info.streamId()).isEqualTo(5);
        assertThat(Integer.toUnsignedLong(info.ppid())).isEqualTo(4_000_000_000L);
        assertThat(info.unordered()).isTrue();
        assertThat(info.context()).isEqualTo(9);
        assertThat(info.prPolicy()).isEqualTo(SendInfo.PrPolicy.TTL);
        assertThat(info.prValue()).isEqualTo(250);
    }

    @Test
    void aHeaderEqualToTheSocketDefaultsStillOverridesTheSocketsDefaultSendInfo() {
        // SendInfo.DEFAULT sends no send info, so the socket's DEFAULT_SNDINFO (say, stream 3) would apply; a
        // message that names stream 0, PPID 0, ordered and context 0 must still go out with exactly those
        for (String header : new String[] {SctpHeaders.STREAM_ID, SctpHeaders.PPID, SctpHeaders.CONTEXT}) {
            Message<String> message = MessageBuilder.withPayload("x").setHeader(header, 0).build();
            SendInfo info = resolver.resolve(message);
            assertThat(info.usesSocketDefaults()).as(header).isFalse();
            assertThat(info.streamId()).isZero();
            assertThat(info.ppid()).isZero();
        }
        SendInfo ordered = resolver.resolve(MessageBuilder.withPayload("x").setHeader(SctpHeaders.UNORDERED, false)
                .build());
        assertThat(ordered.usesSocketDefaults()).isFalse();
        assertThat(ordered.unordered()).isFalse();
    }

    @Test
    void expressionsOverrideHeaders() {
        resolver.setStreamIdExpression(PARSER.parseExpression("headers['lane'] * 2"));
        resolver.setPpidExpression(PARSER.parseExpression("payload.length()"));
        resolver.setUnorderedExpression(PARSER.parseExpression("headers['urgent'] == 'yes'"));
        resolver.setContextExpression(PARSER.parseExpression("42"));
        resolver.setLifetimeExpression(PARSER.parseExpression("'PT2S'"));
        Message<String> message = MessageBuilder.withPayload("abc").setHeader("lane", 3).setHeader("urgent", "yes")
                .setHeader(SctpHeaders.STREAM_ID, 1).build();
        SendInfo info = resolver.resolve(message);
        assertThat(info.streamId()).isEqualTo(6);
        assertThat(info.ppid()).isEqualTo(3);
        assertThat(info.unordered()).isTrue();
        assertThat(info.context()).isEqualTo(42);
        assertThat(info.prValue()).isEqualTo(2000);
    }

    @Test
    void badValuesNameTheHeaderOrExpression() {
        assertThatThrownBy(() -> resolver.resolve(MessageBuilder.withPayload("x")
                .setHeader(SctpHeaders.STREAM_ID, "seven").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sctp_streamId")
                .hasMessageContaining("seven");
        assertThatThrownBy(() -> resolver.resolve(MessageBuilder.withPayload("x")
                .setHeader(SctpHeaders.STREAM_ID, 70_000).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("70000");
        assertThatThrownBy(() -> resolver.resolve(MessageBuilder.withPayload("x")
                .setHeader(SctpHeaders.UNORDERED, 1).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sctp_unordered");
        resolver.setPpidExpression(PARSER.parseExpression("'forty'"));
        assertThatThrownBy(() -> resolver.resolve(MessageBuilder.withPayload("x").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'forty'");
    }

    @Test
    void encodesStringsBytesAndBuffersAndRefusesOtherPayloads() {
        assertThat(resolver.payloadBytes(MessageBuilder.withPayload("hé").build())).containsExactly(0x68, 0xc3, 0xa9);
        assertThat(resolver.payloadBytes(MessageBuilder.withPayload(new byte[] {1, 2}).build()))
                .containsExactly(1, 2);
        assertThat(resolver.payloadBytes(MessageBuilder.withPayload(ByteBuffer.wrap(new byte[] {3})).build()))
                .containsExactly(3);
        assertThatThrownBy(() -> resolver.payloadBytes(MessageBuilder.withPayload(1.5).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Double");
    }

    @Test
    void lifetimeHeadersAcceptTheFormsSpringUsersWrite() {
        SctpSendInfoResolver resolver = new SctpSendInfoResolver();
        assertThat(resolver.resolve(MessageBuilder.withPayload("x").setHeader(SctpHeaders.LIFETIME, "500ms").build())
                .prValue()).isEqualTo(500);
        assertThat(resolver.resolve(MessageBuilder.withPayload("x").setHeader(SctpHeaders.LIFETIME, "2s").build())
                .prValue()).isEqualTo(2000);
        assertThat(resolver.resolve(MessageBuilder.withPayload("x").setHeader(SctpHeaders.LIFETIME, "PT1M").build())
                .prValue()).isEqualTo(60_000);
        assertThat(resolver.resolve(MessageBuilder.withPayload("x").setHeader(SctpHeaders.LIFETIME, " 750 ").build())
                .prValue()).isEqualTo(750);
    }

    @Test
    void aLifetimeThatIsNoDurationNamesTheValueAndTheFormsThatWork() {
        SctpSendInfoResolver resolver = new SctpSendInfoResolver();
        assertThatThrownBy(() -> resolver.resolve(MessageBuilder.withPayload("x")
                .setHeader(SctpHeaders.LIFETIME, "soon").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"soon\"").hasMessageContaining("500ms").hasMessageContaining("PT2S");
    }
}
