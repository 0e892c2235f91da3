package dev.sctp.integration.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The allow-list's CIDR matching, IPv4 and IPv6, and its errors for entries that are not literal ranges. */
class PeerAllowListTest {

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void matchesIpv4RangesOnTheirPrefixBitsOnly() throws Exception {
        PeerAllowList list = PeerAllowList.parse(List.of("10.1.0.0/16", "192.0.2.7", "172.16.0.0/12"));
        assertThat(list.allows(ip("10.1.255.3"))).isTrue();
        assertThat(list.allows(ip("10.2.0.1"))).isFalse();
        assertThat(list.allows(ip("192.0.2.7"))).isTrue();
        assertThat(list.allows(ip("192.0.2.8"))).isFalse();
        assertThat(list.allows(ip("172.31.0.1"))).isTrue(); // /12 ends at 172.31
        assertThat(list.allows(ip("172.32.0.1"))).isFalse();
        assertThat(list.allows(ip("::1"))).isFalse();
    }

    @Test
    void matchesIpv6RangesAndIpv4MappedPeersAsIpv4() throws Exception {
        PeerAllowList list = PeerAllowList.parse(List.of("fd00::/8", "::1/128", "[2001:db8::]/33", "127.0.0.0/8"));
        assertThat(list.allows(ip("fd12:3456::1"))).isTrue();
        assertThat(list.allows(ip("fe80::1"))).isFalse();
        assertThat(list.allows(ip("::1"))).isTrue();
        assertThat(list.allows(ip("::2"))).isFalse();
        assertThat(list.allows(ip("2001:db8:7fff::1"))).isTrue();
        assertThat(list.allows(ip("2001:db8:8000::1"))).isFalse();
        assertThat(list.allows(InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, 127, 0, 0,
            9}))).as("::ffff:127.0.0.9").isTrue();
    }

    @Test
    void anEmptyListAllowsEveryPeerAndZeroPrefixAllowsItsFamily() throws Exception {
        assertThat(PeerAllowList.parse(List.of()).allows(ip("203.0.113.1"))).isTrue();
        PeerAllowList v4 = PeerAllowList.parse(List.of("0.0.0.0/0"));
        assertThat(v4.allows(ip("203.0.113.1"))).isTrue();
        assertThat(v4.allows(ip("::1"))).isFalse();
    }

    @Test
    void everyAddressOfAMultiHomedPeerMustBeAllowed() throws Exception {
        PeerAllowList list = PeerAllowList.parse(List.of("127.0.0.2"));
        assertThat(list.firstDisallowed(List.of(ip("127.0.0.2")))).isNull();
        assertThat(list.firstDisallowed(List.of(ip("127.0.0.2"), ip("127.0.0.3")))).isEqualTo(ip("127.0.0.3"));
    }

    @Test
    void rejectsShortIpv4FormsOutOfRangeOctetsAndScopeIdsWithoutLookingAnythingUp() {
        // InetAddress would read 192.168.1/24 as 192.168.0.1/24 and 10/8 as 0.0.0.10/8, and send 256.1.1.1 to DNS
        assertThatThrownBy(() -> PeerAllowList.parse(List.of("192.168.1/24")))
                .hasMessageContaining("'192.168.1/24'").hasMessageContaining("four numbers");
        assertThatThrownBy(() -> PeerAllowList.parse(List.of("10/8"))).hasMessageContaining("four numbers");
        assertThatThrownBy(() -> PeerAllowList.parse(List.of("256.1.1.1")))
                .hasMessageContaining("'256' is not a number from 0 to 255");
        assertThatThrownBy(() -> PeerAllowList.parse(List.of("fe80::1%eth0"))).hasMessageContaining("scope ids");
        assertThatThrownBy(() -> PeerAllowList.parse(List.of("zz::1")))
                .hasMessageContaining("not a literal IPv6 address");
    }

    @Test
    void aRangeWithHostBitsSetIsRejectedNamingTheNetworkMeant() {
        assertThatThrownBy(() -> PeerAllowList.parse(List.of("10.0.0.1/8")))
                .hasMessageContaining("'10.0.0.1/8'").hasMessageContaining("10.0.0.0/8");
        assertThatThrownBy(() -> PeerAllowList.parse(List.of("fd00::1/8"))).hasMessageContaining("fd00:0:0:0:0:0:0:0/8");
        assertThat(PeerAllowList.parse(List.of("10.0.0.0/8", "192.0.2.7", "172.16.0.0/12", "fd00::/8")).allowsAll())
                .isFalse();
    }

    @Test
    void rejectsHostNamesBadPrefixesAndGarbageNamingTheEntry() {
        assertThatThrownBy(() -> PeerAllowList.parse(List.of("localhost")))
                .hasMessageContaining("'localhost'").hasMessageContaining("host names are not allowed")
                .hasMessageContaining("10.0.0.0/8");
        assertThatThrownBy(() -> PeerAllowList.parse(List.of("10.0.0.0/33")))
                .hasMessageContaining("'10.0.0.0/33'").hasMessageContaining("between 0 and 32");
        assertThatThrownBy(() -> PeerAllowList.parse(List.of("fd00::/200")))
                .hasMessageContaining("between 0 and 128");
        assertThatThrownBy(() -> PeerAllowList.parse(List.of("10.0.0.0/x"))).hasMessageContaining("'10.0.0.0/x'");
        assertThatThrownBy(() -> PeerAllowList.parse(List.of("")))
                .hasMessageContaining("not a literal IPv4 or IPv6 address");
        assertThatThrownBy(() -> PeerAllowList.parse(List.of("1.2.3.4.5"))).hasMessageContaining("'1.2.3.4.5'");
    }
}
