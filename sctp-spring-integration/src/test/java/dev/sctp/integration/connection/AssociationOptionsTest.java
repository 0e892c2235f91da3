package dev.sctp.integration.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sctp.SctpAddress;
import dev.sctp.SctpOptions;
import dev.sctp.integration.Harness;
import dev.sctp.integration.event.SctpPeerAddressChangeEvent;
import dev.sctp.integration.support.SctpHeaders;
import dev.sctp.notification.PeerAddressChange;
import dev.sctp.test.RequiresSctp;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The options an application may change on a live association, seen in the kernel's state. */
@RequiresSctp
class AssociationOptionsTest {

    private final Harness harness = new Harness();

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void settingThePrimaryAddressMovesTheKernelsPrimaryPath() throws Exception {
        SctpServerAssociationFactory server = Harness.started(harness.server("127.0.0.1/127.0.0.2:0", f -> { }));
        SctpClientAssociationFactory client = Harness.started(harness.client(
                f -> f.setLocalAddress(SctpAddress.parse("127.0.0.1:0")), Harness.addressOf(server)));
        SctpAssociation association = client.getAssociation();
        assertThat(primaryInStatus(association)).isEqualTo("127.0.0.1");

        association.setOption(SctpOptions.PRIMARY_ADDR,
                new InetSocketAddress(InetAddress.getByName("127.0.0.2"), server.getPort()));

        // SCTP_STATUS is another read of the kernel's state than the option just set
        assertThat(primaryInStatus(association)).isEqualTo("127.0.0.2");
        // at once, not only when the reader has handled the kernel's ADDR_MADE_PRIM notification
        assertThat(association.getPrimaryAddress().getHostAddress()).isEqualTo("127.0.0.2");
        Map<String, Object> headers = new HashMap<>();
        association.getAddressHeaders().putInto(headers);
        assertThat(headers).containsEntry(SctpHeaders.PRIMARY_ADDRESS, "127.0.0.2");
        await().atMost(Harness.TIMEOUT).until(() -> harness.events(SctpPeerAddressChangeEvent.class).stream()
                .anyMatch(e -> e.getState() == PeerAddressChange.State.ADDR_MADE_PRIM && e.getAddress() != null
                        && e.getAddress().getAddress().getHostAddress().equals("127.0.0.2")));
        await().atMost(Harness.TIMEOUT).until(() -> association.getPrimaryAddress() != null
                && association.getPrimaryAddress().getHostAddress().equals("127.0.0.2"));
    }

    @Test
    void lingerZeroIsRefusedSoClosingStillShutsDownGracefully() throws Exception {
        SctpServerAssociationFactory server = Harness.started(harness.server(f -> { }));
        SctpClientAssociationFactory client = Harness.started(harness.client(f -> f.setReconnect(false),
                Harness.addressOf(server)));
        SctpAssociation association = client.getAssociation();

        assertThatThrownBy(() -> association.setOption(SctpOptions.SO_LINGER, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SO_LINGER cannot be set on association " + association.getId())
                .hasMessageContaining("ABORT")
                .hasMessageContaining("Set it on the factory");
        assertThatThrownBy(() -> association.setOption(SctpOptions.INIT_MSG, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SCTP_INITMSG cannot be set").hasMessageContaining("SCTP_PRIMARY_ADDR");

        await().atMost(Harness.TIMEOUT).until(() -> server.getOpenAssociationCount() == 1);
        SctpAssociation accepted = server.getAssociations().get(0);
        association.close();
        // with SO_LINGER 0 applied, the close would have sent ABORT and the server would see the association LOST
        assertThat(accepted.closeFuture().get(Harness.TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .isEqualTo(CloseReason.SHUTDOWN);
    }

    private static String primaryInStatus(SctpAssociation association) throws Exception {
        return association.status().primary().address().getAddress().getHostAddress();
    }
}
