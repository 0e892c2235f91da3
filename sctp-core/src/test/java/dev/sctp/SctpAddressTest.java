package dev.sctp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SctpAddressTest {

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    @Nested
    class Parsing {

        @Test
        void parsesSingleIpv4Address() throws Exception {
            SctpAddress address = SctpAddress.parse("192.0.2.1:3868");

            assertThat(address.addresses()).containsExactly(ip("192.0.2.1"));
            assertThat(address.port()).isEqualTo(3868);
            assertThat(address.isWildcard()).isFalse();
            assertThat(address.allIpv4()).isTrue();
            assertThat(address.hasIpv6()).isFalse();
            assertThat(address.primaryAddress()).contains(ip("192.0.2.1"));
            assertThat(address.socketAddresses()).containsExactly(new InetSocketAddress(ip("192.0.2.1"), 3868));
        }

        @Test
        void parsesMultiHomedIpv4InOrder() throws Exception {
            SctpAddress address = SctpAddress.parse("10.0.0.2/10.0.0.1/10.0.0.3:5000");

            assertThat(address.addresses()).containsExactly(ip("10.0.0.2"), ip("10.0.0.1"), ip("10.0.0.3"));
            assertThat(address.primaryAddress()).contains(ip("10.0.0.2"));
            assertThat(address.socketAddresses()).extracting(InetSocketAddress::getPort).containsOnly(5000);
        }

        @Test
        void parsesBracketedIpv6() throws Exception {
            SctpAddress address = SctpAddress.parse("[2001:db8::1]:8000");

            assertThat(address.addresses()).containsExactly(ip("2001:db8::1"));
            assertThat(address.addresses().get(0)).isInstanceOf(Inet6Address.class);
            assertThat(address.hasIpv6()).isTrue();
            assertThat(address.allIpv4()).isFalse();
        }

        @Test
        void parsesMultiHomedIpv4AndIpv6() throws Exception {
            SctpAddress address = SctpAddress.parse("198.51.100.1/[2001:db8::1]:8000");

            assertThat(address.addresses()).containsExactly(ip("198.51.100.1"), ip("2001:db8::1"));
            assertThat(address.port()).isEqualTo(8000);
            assertThat(address.hasIpv6()).isTrue();
            assertThat(address.allIpv4()).isFalse();
            assertThat(address).hasToString("198.51.100.1/[2001:db8::1]:8000");
        }

        @Test
        void parsesNumericZone() {
            SctpAddress address = SctpAddress.parse("[fe80::1%2]:3868");

            Inet6Address scoped = (Inet6Address) address.addresses().get(0);
            assertThat(scoped.getScopeId()).isEqualTo(2);
            assertThat(address).hasToString("[fe80::1%2]:3868");
        }

        @Test
        void parsesInterfaceNameZoneAsThatInterfacesScope() throws Exception {
            int loIndex = NetworkInterface.getByName("lo").getIndex();

            SctpAddress address = SctpAddress.parse("[fe80::1%lo]:3868");

            Inet6Address scoped = (Inet6Address) address.addresses().get(0);
            assertThat(scoped.getScopeId()).isEqualTo(loIndex);
            // Java keeps the name only when the interface has a link-local address; otherwise the index stands in.
            assertThat(address.toString()).isIn("[fe80::1%lo]:3868", "[fe80::1%" + loIndex + "]:3868");
            assertThat(SctpAddress.parse(address.toString())).isEqualTo(address);
        }

        @Test
        void parsesV4MappedLiteralAsIpv4() throws Exception {
            SctpAddress address = SctpAddress.parse("[::ffff:127.0.0.1]:1");

            assertThat(address.addresses()).containsExactly(ip("127.0.0.1"));
            assertThat(address.addresses().get(0)).isInstanceOf(Inet4Address.class);
            assertThat(address).hasToString("127.0.0.1:1");
        }

        @Test
        void resolvesLocalhostToEveryResolverAddress() throws Exception {
            SctpAddress address = SctpAddress.parse("localhost:3868");

            assertThat(address.addresses()).contains(ip("127.0.0.1"))
                    .containsExactlyElementsOf(List.of(InetAddress.getAllByName("localhost")))
                    .allMatch(InetAddress::isLoopbackAddress);
            assertThat(address.port()).isEqualTo(3868);
        }

        @Test
        void collapsesDuplicatesKeepingFirstPosition() throws Exception {
            assertThat(SctpAddress.parse("127.0.0.2/localhost/127.0.0.1/127.0.0.2:1").addresses())
                    .startsWith(ip("127.0.0.2"), ip("127.0.0.1"))
                    .doesNotHaveDuplicates();
            assertThat(SctpAddress.parse("[::ffff:127.0.0.1]/127.0.0.1:1").addresses())
                    .containsExactly(ip("127.0.0.1"));
            assertThat(SctpAddress.of(1, ip("10.0.0.1"), ip("10.0.0.1"), ip("10.0.0.2")).addresses())
                    .containsExactly(ip("10.0.0.1"), ip("10.0.0.2"));
        }

        @Test
        void parsesEmptyHostAsWildcard() {
            SctpAddress address = SctpAddress.parse(":3868");

            assertThat(address.addresses()).isEmpty();
            assertThat(address.isWildcard()).isTrue();
            assertThat(address.primaryAddress()).isEmpty();
            assertThat(address.socketAddresses()).isEmpty();
            assertThat(address.allIpv4()).isFalse();
            assertThat(address.hasIpv6()).isFalse();
            assertThat(address).isEqualTo(SctpAddress.wildcard(3868)).hasToString(":3868");
        }

        @Test
        void keepsAnyLocalAddressesAsFamilyWildcards() throws Exception {
            SctpAddress ipv4Any = SctpAddress.parse("0.0.0.0:3868");
            SctpAddress ipv6Any = SctpAddress.parse("[::]:3868");

            assertThat(ipv4Any.addresses()).containsExactly(ip("0.0.0.0"));
            assertThat(ipv4Any.isWildcard()).isTrue();
            assertThat(ipv4Any.allIpv4()).isTrue();
            assertThat(ipv6Any.addresses()).containsExactly(ip("::"));
            assertThat(ipv6Any.isWildcard()).isTrue();
            assertThat(ipv6Any.hasIpv6()).isTrue();
            assertThat(ipv6Any).hasToString("[::]:3868");
            assertThat(SctpAddress.parse("0.0.0.0/127.0.0.1:1").isWildcard()).isFalse();
        }

        @Test
        void acceptsEphemeralPortZero() {
            assertThat(SctpAddress.parse("127.0.0.1:0").port()).isZero();
            assertThat(SctpAddress.parse(":0")).isEqualTo(SctpAddress.wildcard(0));
            assertThat(SctpAddress.parse("[::1]:65535").port()).isEqualTo(65535);
        }

        @Test
        void ignoresSurroundingWhitespace() throws Exception {
            assertThat(SctpAddress.parse("  127.0.0.1:7 \n")).isEqualTo(SctpAddress.of(7, ip("127.0.0.1")));
        }

        @Test
        void compressesIpv6InText() {
            assertThat(SctpAddress.parse("[2001:0DB8:0:0:0:0:0:0001]:1")).hasToString("[2001:db8::1]:1");
            assertThat(SctpAddress.parse("[1:0:0:2:0:0:0:3]:1")).hasToString("[1:0:0:2::3]:1");
            assertThat(SctpAddress.parse("[1:0:2:3:4:5:6:7]:1")).hasToString("[1:0:2:3:4:5:6:7]:1");
            assertThat(SctpAddress.parse("[1::]:1")).hasToString("[1::]:1");
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "192.0.2.1:3868", "10.0.0.1/10.0.0.2:5000", "[2001:db8::1]:8000", "198.51.100.1/[2001:db8::1]:8000",
            "[fe80::1%2]:3868", "[::1]/127.0.0.1:0", ":3868", ":0", "0.0.0.0:1", "[::]:1", "[::]/0.0.0.0:65535",
            "[2001:db8:0:1:1:1:1:1]:9"})
        void roundTripsCanonicalTextThroughToString(String text) {
            SctpAddress address = SctpAddress.parse(text);

            assertThat(address).hasToString(text);
            assertThat(SctpAddress.parse(address.toString())).isEqualTo(address).hasSameHashCodeAs(address);
        }

        @Test
        void printsLiteralsWithoutReverseDns() throws Exception {
            InetAddress named = InetAddress.getByAddress("peer.example.invalid", new byte[] {(byte) 192, 0, 2, 7});

            assertThat(SctpAddress.of(3868, named)).hasToString("192.0.2.7:3868");
        }
    }

    @Nested
    class BadInput {

        static Stream<Arguments> badAddresses() {
            return Stream.of(
                    Arguments.of("1.2.3.4", "missing port in address \"1.2.3.4\": write host:port, e.g. 1.2.3.4:3868"),
                    Arguments.of("[::1]", "missing port in address \"[::1]\""),
                    Arguments.of("a/b", "e.g. a/b:3868"),
                    Arguments.of(":99999", "port 99999 out of range 0..65535 in \":99999\""),
                    Arguments.of("127.0.0.1:65536", "port 65536 out of range"),
                    Arguments.of("127.0.0.1:12345678901", "port 12345678901 out of range"),
                    Arguments.of("127.0.0.1:-1", "port -1 out of range 0..65535"),
                    Arguments.of("127.0.0.1:-0", "port -0 out of range"),
                    Arguments.of("127.0.0.1:http", "invalid port \"http\" in \"127.0.0.1:http\""),
                    Arguments.of("127.0.0.1:", "empty port after ':' in \"127.0.0.1:\""),
                    Arguments.of("[::1", "missing ']' in \"[::1\""),
                    Arguments.of("[::1/127.0.0.1:1", "missing ']' in \"[::1/127.0.0.1:1\""),
                    Arguments.of("[::1]x:1", "unexpected text after ']'"),
                    Arguments.of("a//b:1", "empty host between '/' separators in \"a//b:1\""),
                    Arguments.of("/127.0.0.1:1", "empty host before the first '/'"),
                    Arguments.of("127.0.0.1/:1", "empty host after the last '/'"),
                    Arguments.of("", "empty address: write host1/host2:port or :port"),
                    Arguments.of("   ", "empty address"),
                    Arguments.of("::1:80", "IPv6 address without brackets in \"::1:80\" is ambiguous"),
                    Arguments.of("fe80::1", "put IPv6 hosts in brackets"),
                    Arguments.of("::1/127.0.0.1:80", "put IPv6 hosts in brackets"),
                    Arguments.of("127.0.0.1:1/127.0.0.2:2", "only the last host may carry the port"),
                    Arguments.of("[::1]:1/127.0.0.2:2", "only the last host may carry the port"),
                    Arguments.of("256.1.1.1:1", "invalid IPv4 address \"256.1.1.1\""),
                    Arguments.of("1.2.3:1", "invalid IPv4 address \"1.2.3\""),
                    Arguments.of("1234:1", "invalid IPv4 address \"1234\""),
                    Arguments.of("[127.0.0.1]:1", "brackets hold only IPv6 addresses"),
                    Arguments.of("[localhost]:1", "brackets hold only IPv6 addresses"),
                    Arguments.of("[:::1]:1", "invalid IPv6 address [:::1]"),
                    Arguments.of("[fe80::1%]:1", "empty zone"),
                    Arguments.of("[fe80::1%nosuchif0]:1", "unknown network interface \"nosuchif0\""),
                    Arguments.of("[::ffff:127.0.0.1%2]:1", "zone not allowed on v4-mapped"),
                    Arguments.of("bad host:1", "invalid host name \"bad host\""),
                    Arguments.of("-bad:1", "invalid host name \"-bad\""));
        }

        @ParameterizedTest
        @MethodSource("badAddresses")
        void rejectsMalformedAddressNamingTheProblem(String text, String expectedMessagePart) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> SctpAddress.parse(text))
                    .withMessageContaining(expectedMessagePart)
                    .withMessageContaining(text.isBlank() ? "" : "\"" + text.strip() + "\"");
        }

        @Test
        @Timeout(value = 20, unit = TimeUnit.SECONDS)
        void rejectsUnresolvableHostNameWithItsNameAndCause() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> SctpAddress.parse("127.0.0.1/no-such-host.invalid:1"))
                    .withMessageContaining("cannot resolve host \"no-such-host.invalid\"")
                    .withMessageContaining("\"127.0.0.1/no-such-host.invalid:1\"")
                    .withCauseInstanceOf(UnknownHostException.class);
        }

        @Test
        void rejectsPortOutOfRangeInFactories() throws Exception {
            InetAddress loopback = ip("127.0.0.1");

            assertThatIllegalArgumentException().isThrownBy(() -> SctpAddress.of(65536, loopback))
                    .withMessageContaining("port 65536 out of range 0..65535");
            assertThatIllegalArgumentException().isThrownBy(() -> SctpAddress.of(List.of(loopback), -1))
                    .withMessageContaining("port -1 out of range");
            assertThatIllegalArgumentException().isThrownBy(() -> SctpAddress.wildcard(70000))
                    .withMessageContaining("70000");
            assertThatIllegalArgumentException().isThrownBy(() -> SctpAddress.wildcard(1).withPort(-5))
                    .withMessageContaining("-5");
        }

        @Test
        void rejectsNullAddressInFactories() throws Exception {
            List<InetAddress> withNull = Arrays.asList(ip("127.0.0.1"), null);

            assertThatThrownBy(() -> SctpAddress.of(withNull, 1)).isInstanceOf(NullPointerException.class);
        }
    }

    @Nested
    class NetworkFiltering {

        @Test
        void sctp4RejectsIpv6Literals() {
            assertThatIllegalArgumentException().isThrownBy(() -> SctpAddress.resolve(SctpNetwork.SCTP4, "[::1]:1"))
                    .withMessageContaining("IPv6 address [::1] not allowed for sctp4")
                    .withMessageContaining("\"[::1]:1\"");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> SctpAddress.resolve(SctpNetwork.SCTP4, "127.0.0.1/[::]:1"))
                    .withMessageContaining("[::]");
        }

        @Test
        void sctp6RejectsIpv4Literals() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> SctpAddress.resolve(SctpNetwork.SCTP6, "127.0.0.1:1"))
                    .withMessageContaining("IPv4 address 127.0.0.1 not allowed for sctp6");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> SctpAddress.resolve(SctpNetwork.SCTP6, "[::1]/0.0.0.0:1"))
                    .withMessageContaining("0.0.0.0");
        }

        @Test
        void sctp6RejectsV4MappedLiterals() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> SctpAddress.resolve(SctpNetwork.SCTP6, "[::ffff:127.0.0.1]:1"))
                    .withMessageContaining("v4-mapped address [::ffff:127.0.0.1] not allowed for sctp6");
        }

        @Test
        void sctp4AcceptsV4MappedLiteralsAsIpv4() throws Exception {
            assertThat(SctpAddress.resolve(SctpNetwork.SCTP4, "[::ffff:127.0.0.1]:1").addresses())
                    .containsExactly(ip("127.0.0.1"));
        }

        @Test
        void sctpAcceptsBothFamilies() throws Exception {
            SctpAddress address = SctpAddress.resolve(SctpNetwork.SCTP, "127.0.0.1/[::1]:1");

            assertThat(address.addresses()).containsExactly(ip("127.0.0.1"), ip("::1"));
            assertThat(SctpAddress.parse("127.0.0.1/[::1]:1")).isEqualTo(address);
        }

        @Test
        void wildcardSuitsEveryNetwork() {
            for (SctpNetwork network : SctpNetwork.values()) {
                assertThat(SctpAddress.resolve(network, ":9").isWildcard()).isTrue();
            }
            assertThat(SctpAddress.resolve(SctpNetwork.SCTP4, "0.0.0.0:9").allIpv4()).isTrue();
            assertThat(SctpAddress.resolve(SctpNetwork.SCTP6, "[::]:9").hasIpv6()).isTrue();
        }

        @Test
        void hostNameKeepsOnlyAddressesOfTheNetworkFamily() throws Exception {
            List<InetAddress> all = List.of(InetAddress.getAllByName("localhost"));
            List<InetAddress> ipv6 = all.stream().filter(Inet6Address.class::isInstance).toList();

            assertThat(SctpAddress.resolve(SctpNetwork.SCTP4, "localhost:1").addresses())
                    .containsExactlyElementsOf(all.stream().filter(Inet4Address.class::isInstance).toList())
                    .contains(ip("127.0.0.1"));
            if (ipv6.isEmpty()) {
                assertThatIllegalArgumentException()
                        .isThrownBy(() -> SctpAddress.resolve(SctpNetwork.SCTP6, "localhost:1"))
                        .withMessageContaining("host \"localhost\" has no IPv6 address for sctp6");
            } else {
                assertThat(SctpAddress.resolve(SctpNetwork.SCTP6, "localhost:1").addresses())
                        .containsExactlyElementsOf(ipv6);
            }
        }

        @Test
        void resolveHostsFiltersPortlessLists() throws Exception {
            assertThat(SctpAddress.resolveHosts(SctpNetwork.SCTP6, "[::1]/[2001:db8::2]"))
                    .containsExactly(ip("::1"), ip("2001:db8::2"));
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> SctpAddress.resolveHosts(SctpNetwork.SCTP4, "127.0.0.2/[::1]"))
                    .withMessageContaining("not allowed for sctp4");
        }
    }

    @Nested
    class HostLists {

        @Test
        void parsesPortlessIpv4List() throws Exception {
            assertThat(SctpAddress.parseHosts("127.0.0.2/127.0.0.3")).containsExactly(ip("127.0.0.2"), ip("127.0.0.3"));
        }

        @Test
        void parsesPortlessMixedListWithDuplicatesCollapsed() throws Exception {
            List<InetAddress> hosts = SctpAddress.parseHosts("[::1]/127.0.0.2/[0:0:0:0:0:0:0:1]");

            assertThat(hosts).containsExactly(ip("::1"), ip("127.0.0.2"));
            assertThatThrownBy(() -> hosts.add(ip("127.0.0.9"))).isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void parsesSingleHostName() throws Exception {
            assertThat(SctpAddress.parseHosts("localhost")).contains(ip("127.0.0.1"));
        }

        @Test
        void rejectsPortInHostList() {
            assertThatIllegalArgumentException().isThrownBy(() -> SctpAddress.parseHosts("127.0.0.2/127.0.0.3:1"))
                    .withMessageContaining("unexpected port in host list \"127.0.0.2/127.0.0.3:1\"");
            assertThatIllegalArgumentException().isThrownBy(() -> SctpAddress.parseHosts("[::1]:1"))
                    .withMessageContaining("unexpected port");
        }

        @Test
        void rejectsEmptyOrMalformedHostList() {
            assertThatIllegalArgumentException().isThrownBy(() -> SctpAddress.parseHosts(""))
                    .withMessageContaining("empty host list");
            assertThatIllegalArgumentException().isThrownBy(() -> SctpAddress.parseHosts("127.0.0.2//127.0.0.3"))
                    .withMessageContaining("empty host between '/' separators");
            assertThatIllegalArgumentException().isThrownBy(() -> SctpAddress.parseHosts("::1"))
                    .withMessageContaining("brackets");
            assertThatIllegalArgumentException().isThrownBy(() -> SctpAddress.parseHosts("[::1"))
                    .withMessageContaining("missing ']'");
        }
    }

    @Nested
    class ValueSemantics {

        @Test
        void equalsAndHashCodeFollowAddressesOrderAndPort() throws Exception {
            SctpAddress parsed = SctpAddress.parse("127.0.0.1/[::1]:1");
            SctpAddress built = SctpAddress.of(1, ip("127.0.0.1"), ip("::1"));

            assertThat(parsed).isEqualTo(built).hasSameHashCodeAs(built);
            assertThat(parsed).isEqualTo(SctpAddress.of(List.of(ip("127.0.0.1"), ip("::1")), 1));
            assertThat(parsed).isNotEqualTo(SctpAddress.parse("[::1]/127.0.0.1:1"));
            assertThat(parsed).isNotEqualTo(parsed.withPort(2));
            assertThat(parsed).isNotEqualTo(SctpAddress.parse("127.0.0.1:1"));
            assertThat(SctpAddress.wildcard(1)).isNotEqualTo(SctpAddress.parse("0.0.0.0:1"));
        }

        @Test
        void zonesTakePartInEquality() {
            SctpAddress zone1 = SctpAddress.parse("[fe80::1%1]:1");
            SctpAddress zone2 = SctpAddress.parse("[fe80::1%2]:1");

            // InetAddress.equals alone would call these equal.
            assertThat(zone1.addresses()).isEqualTo(zone2.addresses());
            assertThat(zone1).isNotEqualTo(zone2);
            assertThat(SctpAddress.parse("[fe80::1%1]/[fe80::1%2]:1").addresses()).hasSize(2);
        }

        @Test
        void addressesAreUnmodifiableAndDetachedFromTheCallersList() throws Exception {
            List<InetAddress> input = new ArrayList<>(List.of(ip("127.0.0.1")));
            SctpAddress address = SctpAddress.of(input, 1);

            input.add(ip("127.0.0.2"));

            assertThat(address.addresses()).containsExactly(ip("127.0.0.1"));
            assertThatThrownBy(() -> address.addresses().add(ip("127.0.0.3")))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> address.socketAddresses().clear())
                    .isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void withersReturnNewValuesAndLeaveTheOriginal() throws Exception {
            SctpAddress original = SctpAddress.parse("127.0.0.1:1");

            SctpAddress moved = original.withPort(2);
            SctpAddress rehomed = original.withAddresses(List.of(ip("127.0.0.2"), ip("127.0.0.2"), ip("::1")));

            assertThat(moved).isEqualTo(SctpAddress.parse("127.0.0.1:2"));
            assertThat(rehomed).isEqualTo(SctpAddress.parse("127.0.0.2/[::1]:1"));
            assertThat(original.withAddresses(List.of())).isEqualTo(SctpAddress.wildcard(1));
            assertThat(original).isEqualTo(SctpAddress.parse("127.0.0.1:1"));
        }

        @Test
        void normalisesV4MappedInet6AddressToIpv4() throws Exception {
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            mapped[12] = 127;
            mapped[15] = 1;
            InetAddress v4Mapped = Inet6Address.getByAddress(null, mapped, -1);

            SctpAddress address = SctpAddress.of(1, v4Mapped);

            assertThat(address.addresses().get(0)).isInstanceOf(Inet4Address.class).isEqualTo(ip("127.0.0.1"));
            assertThat(address).isEqualTo(SctpAddress.parse("[::ffff:127.0.0.1]:1"));
        }
    }

    @Nested
    class Networks {

        @Test
        void namesNetworksAsGoSctpDoes() {
            assertThat(SctpNetwork.SCTP.networkName()).isEqualTo("sctp");
            assertThat(SctpNetwork.SCTP4.networkName()).isEqualTo("sctp4");
            assertThat(SctpNetwork.SCTP6.networkName()).isEqualTo("sctp6");
        }

        @Test
        void looksNetworksUpIgnoringCase() {
            assertThat(SctpNetwork.of("sctp")).isEqualTo(SctpNetwork.SCTP);
            assertThat(SctpNetwork.of("SCTP4")).isEqualTo(SctpNetwork.SCTP4);
            assertThat(SctpNetwork.of("Sctp6")).isEqualTo(SctpNetwork.SCTP6);
        }

        @Test
        void rejectsUnknownNetworkNamingAcceptedOnes() {
            assertThatIllegalArgumentException().isThrownBy(() -> SctpNetwork.of("tcp"))
                    .withMessageContaining("\"tcp\"")
                    .withMessageContaining("sctp, sctp4 or sctp6");
        }
    }
}
