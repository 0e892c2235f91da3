package dev.sctp.integration.outbound;

import dev.sctp.integration.connection.AbstractSctpAssociationFactory;
import dev.sctp.integration.connection.SctpAssociation;
import dev.sctp.integration.connection.SctpClientAssociationFactory;
import dev.sctp.integration.support.SctpHeaders;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.Expression;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandlingException;

/**
 * Finds the association an outbound message goes to: by id (header or expression) or the client's association. A
 * client ignores an {@code sctp_associationId} header that came with a message received through another factory
 * ({@code sctp_factoryName} names that factory), so a forwarded request goes to the client's peer.
 */
final class AssociationResolver {

    private AssociationResolver() {
    }

    static SctpAssociation resolve(AbstractSctpAssociationFactory factory, Message<?> message,
            @Nullable Expression idExpression, EvaluationContext context, boolean useHeader) {
        Object id = idExpression != null ? idExpression.getValue(context, message)
                : useHeader ? message.getHeaders().get(SctpHeaders.ASSOCIATION_ID) : null;
        if (idExpression == null && id != null && factory instanceof SctpClientAssociationFactory
                && cameThroughAnotherFactory(factory, message)) {
            // a request received elsewhere and forwarded with its headers (a relay): the client's own peer is meant
            id = null;
        }
        if (id != null) {
            SctpAssociation association = factory.getAssociation(id.toString());
            if (association == null) {
                throw new MessageHandlingException(message, "Association '" + id + "' is not open on factory '"
                        + factory.getComponentName() + "' (it was closed or belongs to another factory; the factory "
                        + "has " + factory.getOpenAssociationCount() + " open associations). Take the id from the "
                        + "'" + SctpHeaders.ASSOCIATION_ID + "' header of a message received on this factory");
            }
            return association;
        }
        if (factory instanceof SctpClientAssociationFactory client) {
            try {
                return client.getAssociation();
            } catch (IOException e) {
                throw new MessageHandlingException(message, e.getMessage(), e);
            }
        }
        throw new MessageHandlingException(message, "No '" + SctpHeaders.ASSOCIATION_ID + "' header: server factory '"
                + factory.getComponentName() + "' cannot choose among its " + factory.getOpenAssociationCount()
                + " open associations; reply with the request's headers or set an association id expression");
    }

    private static boolean cameThroughAnotherFactory(AbstractSctpAssociationFactory factory, Message<?> message) {
        Object origin = message.getHeaders().get(SctpHeaders.FACTORY_NAME);
        return origin != null && !origin.toString().equals(factory.getComponentName());
    }
}
