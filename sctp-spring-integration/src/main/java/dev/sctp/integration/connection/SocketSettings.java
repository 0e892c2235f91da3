package dev.sctp.integration.connection;

import dev.sctp.InitOptions;
import dev.sctp.SctpOption;
import dev.sctp.SctpOptions;
import dev.sctp.SctpServerSocket;
import dev.sctp.SctpSocket;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.integration.context.IntegrationObjectSupport;

/**
 * The socket half of every SCTP association factory's settings: the sctp-core options each socket gets, and the
 * socket support that adjusts it afterwards. Not a type of its own for users: its setters are the factories'
 * ({@link AbstractSctpAssociationFactory} is the public base class). Set them before the factory starts.
 */
abstract class SocketSettings extends IntegrationObjectSupport {

    private final Map<SctpOption<?>, Object> options = new LinkedHashMap<>();
    private SctpSocketSupport socketSupport = new SctpSocketSupport() { };

    /**
     * Sets an sctp-core socket option for every socket of the factory (a server's listener, whose options carry
     * over to accepted associations where the kernel copies them, or a client's socket before it connects).
     *
     * @param option the option, from {@link SctpOptions}
     * @param value its value
     * @param <T> the value type
     */
    public <T> void setOption(SctpOption<T> option, T value) {
        options.put(Objects.requireNonNull(option, "option"), Objects.requireNonNull(value, "value"));
    }

    /** Returns the socket options set on the factory, in the order they were set. */
    public Map<SctpOption<?>, Object> getOptions() {
        return Map.copyOf(options);
    }

    /**
     * Sets the streams asked for and INIT retries of new associations (SCTP_INITMSG).
     *
     * @param initOptions the INIT parameters
     */
    public void setInitOptions(InitOptions initOptions) {
        setOption(SctpOptions.INIT_MSG, initOptions);
    }

    /**
     * Sets SCTP_NODELAY; sctp-core turns it on by default.
     *
     * @param noDelay whether to send small messages at once
     */
    public void setNoDelay(boolean noDelay) {
        setOption(SctpOptions.NODELAY, noDelay);
    }

    /**
     * Sets SO_SNDBUF in bytes.
     *
     * @param size the send buffer size
     */
    public void setSoSendBufferSize(int size) {
        setOption(SctpOptions.SO_SNDBUF, size);
    }

    /**
     * Sets SO_RCVBUF in bytes: the kernel's receive buffer, which bounds the window the peer may fill. Not the read
     * buffer of this process ({@link AssociationFactorySettings#setReadBufferSize}).
     *
     * @param size the receive buffer size
     */
    public void setSoReceiveBufferSize(int size) {
        setOption(SctpOptions.SO_RCVBUF, size);
    }

    /**
     * Sets SO_LINGER in seconds; negative turns it off.
     *
     * @param seconds the linger time
     */
    public void setSoLinger(int seconds) {
        setOption(SctpOptions.SO_LINGER, seconds);
    }

    /** Applies the options to a client socket, then the socket support's post-processing. */
    protected void applyOptions(SctpSocket socket) throws IOException {
        for (Map.Entry<SctpOption<?>, Object> e : options.entrySet()) {
            socket.setOption(cast(e.getKey()), e.getValue());
        }
        socketSupport.postProcessSocket(socket);
    }

    /** Applies the options to a listener, then the socket support's post-processing. */
    protected void applyOptions(SctpServerSocket socket) throws IOException {
        for (Map.Entry<SctpOption<?>, Object> e : options.entrySet()) {
            socket.setOption(cast(e.getKey()), e.getValue());
        }
        socketSupport.postProcessServerSocket(socket);
    }

    /**
     * Sets what adjusts each socket after the options are applied; by default nothing does.
     *
     * @param socketSupport the socket support
     */
    public void setSocketSupport(SctpSocketSupport socketSupport) {
        this.socketSupport = Objects.requireNonNull(socketSupport, "socketSupport");
    }

    /** Returns the socket support. */
    public SctpSocketSupport getSocketSupport() {
        return socketSupport;
    }

    @SuppressWarnings("unchecked")
    private static SctpOption<Object> cast(SctpOption<?> option) {
        return (SctpOption<Object>) option;
    }
}
