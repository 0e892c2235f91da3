package dev.sctp.integration.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.SctpAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How a listener's refusal names the peer when the peer left before accept took its association: the kernel then
 * reports no addresses, which used to read "from :0: peer address (unknown)".
 */
class ListenerAdmissionTest {

    private static final String GONE = "from a peer that left before its association was accepted: ";

    @Test
    void aPeerThatLeftBeforeAcceptIsNamedInWordsInAnAllowListRefusal() {
        SctpServerAssociationFactory factory = new SctpServerAssociationFactory(0);
        factory.setAllowedPeers(List.of("127.0.0.0/8"));
        for (SctpAddress gone : new SctpAddress[] {SctpAddress.wildcard(0), null}) {
            ListenerAdmission.Refusal refusal = ListenerAdmission.check(factory, gone);
            assertThat(refusal).isNotNull();
            assertThat(refusal.reason()).isEqualTo(SctpRejection.PEER_NOT_ALLOWED);
            assertThat(refusal.message()).contains(GONE).contains("could not be checked against the allowed peers")
                    .doesNotContain(":0").doesNotContain("(unknown)").doesNotContain("null");
        }
    }

    @Test
    void everyRefusalNamesAPeerWithoutAddressesInWordsAndOtherPeersByAddressAndPort() {
        // The limit refusals name the peer the same way; they need open associations, so this checks the naming.
        String words = "a peer that left before its association was accepted";
        assertThat(ListenerAdmission.describe(SctpAddress.wildcard(0))).isEqualTo(words);
        assertThat(ListenerAdmission.describe(null)).isEqualTo(words);
        assertThat(ListenerAdmission.describe(SctpAddress.parse("127.0.0.3/127.0.0.4:4000")))
                .isEqualTo("127.0.0.3/127.0.0.4:4000");
    }

    @Test
    void aPeerWithAddressesIsNamedByThemAndThePortInARefusal() throws Exception {
        SctpServerAssociationFactory factory = new SctpServerAssociationFactory(0);
        factory.setAllowedPeers(List.of("127.0.0.2"));
        ListenerAdmission.Refusal refusal = ListenerAdmission.check(factory, SctpAddress.parse("127.0.0.3:4000"));
        assertThat(refusal).isNotNull();
        assertThat(refusal.message()).contains("from 127.0.0.3:4000: peer address 127.0.0.3 is not in the allowed"
                + " peers");
    }
}
