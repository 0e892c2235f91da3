package dev.sctp.integration.connection;

import dev.sctp.SendInfo;
import java.io.IOException;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.springframework.messaging.Message;

/**
 * The interceptors of one association and the {@link SctpAssociationInterceptor.Sender} of each, made once when the
 * association is created, so passing a message through them allocates nothing.
 */
final class AssociationInterceptors {

    private static final SctpAssociationInterceptor[] NONE = new SctpAssociationInterceptor[0];

    private final SctpAssociation association;
    private final SctpAssociationInterceptor[] interceptors;
    private final SctpAssociationInterceptor.Sender[] senders;

    AssociationInterceptors(SctpAssociation association, @Nullable SctpAssociationInterceptorFactoryChain chain) {
        this.association = association;
        this.interceptors = chain == null ? NONE : chain.newInterceptors();
        this.senders = new SctpAssociationInterceptor.Sender[interceptors.length];
        for (int i = 0; i < interceptors.length; i++) {
            int after = i + 1;
            senders[i] = (payload, info) -> association.sendFrom(after, payload, info);
        }
    }

    boolean isEmpty() {
        return interceptors.length == 0;
    }

    /** Runs the send through interceptors {@code first}.. in order; returns the bytes to hand to the kernel. */
    byte[] beforeSend(int first, byte[] payload, SendInfo info) throws IOException {
        byte[] bytes = payload;
        for (int i = first; i < interceptors.length; i++) {
            bytes = interceptors[i].onSend(association, bytes, info);
            if (bytes == null) {
                throw new IllegalStateException("Interceptor " + interceptors[i] + " of association "
                        + association.getId() + " returned no payload from onSend; return the payload or throw");
            }
        }
        return bytes;
    }

    /** Passes a received message from the last interceptor to the first; null when one kept it from the flow. */
    @Nullable Message<byte[]> received(Message<byte[]> message) {
        Message<byte[]> passed = message;
        for (int i = interceptors.length - 1; i >= 0 && passed != null; i--) {
            passed = interceptors[i].onReceive(association, passed, senders[i]);
        }
        return passed;
    }

    /** Tells every interceptor, last (nearest the kernel) first, that the association is up. */
    void opened() throws IOException {
        for (int i = interceptors.length - 1; i >= 0; i--) {
            interceptors[i].associationOpened(association, senders[i]);
        }
    }

    /** Tells every interceptor that the association ended; one that throws does not keep the others from it. */
    void closed(CloseReason reason, BiConsumer<SctpAssociationInterceptor, RuntimeException> failed) {
        for (SctpAssociationInterceptor interceptor : interceptors) {
            try {
                interceptor.associationClosed(association, reason);
            } catch (RuntimeException e) {
                failed.accept(interceptor, e);
            }
        }
    }
}
