package dev.sctp.demo;

import dev.sctp.boot.autoconfigure.SctpEndpointNames;
import dev.sctp.integration.outbound.SctpOutboundGateway;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.expression.spel.standard.SpelExpressionParser;

/**
 * Makes the request/reply gateway of the client {@code echo} send each request on the stream its
 * {@code sctp_streamId} header names, so the demo can spread requests over chosen streams and a person can pick one.
 *
 * <p>Why a post-processor: by default the gateway takes any free stream and ignores the header, and the starter has
 * no property for the gateway's stream id expression; this sets it on the auto-configured bean.
 */
final class ExplicitStreams implements BeanPostProcessor {

    static final String GATEWAY_BEAN = SctpEndpointNames.outboundHandler(SctpEndpointNames.clientFactory("echo"));

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof SctpOutboundGateway gateway && GATEWAY_BEAN.equals(beanName)) {
            // null when the header is absent: the client's send.stream then applies
            gateway.getSendInfoResolver().setStreamIdExpression(
                    new SpelExpressionParser().parseExpression("headers['sctp_streamId']"));
        }
        return bean;
    }
}
