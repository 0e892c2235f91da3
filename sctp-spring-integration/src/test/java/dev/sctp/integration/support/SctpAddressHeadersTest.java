package dev.sctp.integration.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.SctpAddress;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Address headers built once per reading of an association's addresses: the values of that reading, and a new
 * reading (new address objects, even with equal contents) is never taken for the old one.
 */
class SctpAddressHeadersTest {

    @Test
    void putsTheAddressesAsTextThePortsAndThePrimary() throws Exception {
        InetAddress primary = InetAddress.getByName("127.0.0.2");
        SctpAddressHeaders headers = SctpAddressHeaders.of(SctpAddress.parse("127.0.0.1/127.0.0.2:3868"),
                SctpAddress.parse("127.0.0.3:40000"), primary);
        Map<String, Object> map = new HashMap<>();

        headers.putInto(map);

        assertThat(map).hasSize(headers.size()).containsExactlyInAnyOrderEntriesOf(Map.of(
                SctpHeaders.REMOTE_ADDRESSES, List.of("127.0.0.1", "127.0.0.2"),
                SctpHeaders.REMOTE_PORT, 3868,
                SctpHeaders.LOCAL_ADDRESSES, List.of("127.0.0.3"),
                SctpHeaders.LOCAL_PORT, 40000,
                SctpHeaders.PRIMARY_ADDRESS, "127.0.0.2"));
    }

    @Test
    void anUnknownPrimaryAddressIsLeftOut() {
        SctpAddressHeaders headers = SctpAddressHeaders.of(SctpAddress.parse("127.0.0.1:1"),
                SctpAddress.parse("127.0.0.1:2"), null);
        Map<String, Object> map = new HashMap<>();

        headers.putInto(map);

        assertThat(map).hasSize(4).doesNotContainKey(SctpHeaders.PRIMARY_ADDRESS);
    }

    @Test
    void describesOnlyTheAddressObjectsItWasBuiltFrom() throws Exception {
        SctpAddress remote = SctpAddress.parse("127.0.0.1:3868");
        SctpAddress local = SctpAddress.parse("127.0.0.1:40000");
        InetAddress primary = InetAddress.getByName("127.0.0.1");
        SctpAddressHeaders headers = SctpAddressHeaders.of(remote, local, primary);

        assertThat(headers.describes(remote, local, primary)).isTrue();
        // an association reads its addresses again after a change: new objects, so the headers are rebuilt
        assertThat(headers.describes(SctpAddress.parse("127.0.0.1:3868"), local, primary)).isFalse();
        assertThat(headers.describes(remote, SctpAddress.parse("127.0.0.1:40000"), primary)).isFalse();
        assertThat(headers.describes(remote, local, InetAddress.getByName("127.0.0.2"))).isFalse();
        assertThat(headers.describes(remote, local, null)).isFalse();
    }
}
