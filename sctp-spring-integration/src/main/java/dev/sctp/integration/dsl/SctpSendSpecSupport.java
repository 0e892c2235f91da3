package dev.sctp.integration.dsl;

import java.util.function.Function;
import org.springframework.expression.Expression;
import org.springframework.integration.expression.FunctionExpression;
import org.springframework.messaging.Message;

import dev.sctp.SendInfo;
import dev.sctp.integration.support.SctpSendInfoResolver;
import org.springframework.expression.spel.standard.SpelExpressionParser;

/** Applies the send settings shared by the outbound specs to a resolver. */
final class SctpSendSpecSupport {

    private static final SpelExpressionParser PARSER = new SpelExpressionParser();

    private SctpSendSpecSupport() {
    }

    static void streamId(SctpSendInfoResolver resolver, int streamId) {
        resolver.setDefaults(resolver.getDefaults().withStream(streamId));
    }

    static void ppid(SctpSendInfoResolver resolver, int ppid) {
        resolver.setDefaults(resolver.getDefaults().withPpid(ppid));
    }

    static void unordered(SctpSendInfoResolver resolver, boolean unordered) {
        resolver.setDefaults(resolver.getDefaults().withUnordered(unordered));
    }

    static void defaults(SctpSendInfoResolver resolver, SendInfo defaults) {
        resolver.setDefaults(defaults);
    }

    static void streamIdExpression(SctpSendInfoResolver resolver, String expression) {
        resolver.setStreamIdExpression(PARSER.parseExpression(expression));
    }

    static void ppidExpression(SctpSendInfoResolver resolver, String expression) {
        resolver.setPpidExpression(PARSER.parseExpression(expression));
    }

    static void unorderedExpression(SctpSendInfoResolver resolver, String expression) {
        resolver.setUnorderedExpression(PARSER.parseExpression(expression));
    }

    static void contextExpression(SctpSendInfoResolver resolver, String expression) {
        resolver.setContextExpression(PARSER.parseExpression(expression));
    }

    static void lifetimeExpression(SctpSendInfoResolver resolver, String expression) {
        resolver.setLifetimeExpression(PARSER.parseExpression(expression));
    }

    static void streamIdFunction(SctpSendInfoResolver resolver, Function<Message<?>, ?> function) {
        resolver.setStreamIdExpression(new FunctionExpression<Message<?>>(function));
    }

    static void ppidFunction(SctpSendInfoResolver resolver, Function<Message<?>, ?> function) {
        resolver.setPpidExpression(new FunctionExpression<Message<?>>(function));
    }

    static Expression expression(String expression) {
        return PARSER.parseExpression(expression);
    }

    static Expression function(Function<Message<?>, ?> function) {
        return new FunctionExpression<Message<?>>(function);
    }
}
