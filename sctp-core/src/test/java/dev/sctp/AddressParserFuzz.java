package dev.sctp;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The address-parser fuzz loop, run by {@link AddressParserFuzzTest} in a JVM of its own whose resolver reads only a
 * small hosts file ({@code -Djdk.net.hosts.file}): mutated texts are often valid host names, and each must fail fast
 * instead of waiting on DNS. Prints one line, {@code OK ...}, or the failure with the seed, and exits non-zero.
 */
final class AddressParserFuzz {

    /** Valid texts to mutate: every form the class description of {@link SctpAddress} lists, and host lists. */
    static final List<String> SEEDS = List.of(
            "127.0.0.1:3868", "192.0.2.1:3868", "198.51.100.1/[2001:db8::1]:8000", "[fe80::1%lo]:3868",
            "[fe80::1%1]:3868", "[::ffff:192.0.2.1]:3868", "localhost:3868", ":3868", "0.0.0.0:3868", "[::]:3868",
            "[::1]:0", "10.0.0.1/10.0.0.2/10.0.0.3:65535", "peer.example/127.0.0.2:5000", "[2001:db8::1]/192.0.2.1:1",
            "127.0.0.2/[::1]", "peer.example", "[fe80::1%lo]", "192.0.2.1/192.0.2.2");
    private static final String ALPHABET = "0123456789abcdefABCDEFxz:./[]%-_ \t\n@#,;+*é\u0660\u00a0\u0000\uffff";
    private static final String[] TOKENS = {
        ":", "/", "[", "]", "%", "::", "65535", "65536", "-1", "-0", "999999999999", "255", "256", "0x10", "lo",
        "ffff:", "::ffff:", "1.2.3.4", "[::1]", "localhost", "peer.example", ".", "..", "%25", "1e3",
    };

    private AddressParserFuzz() {
    }

    /** Arguments: seed, iterations. */
    public static void main(String[] args) {
        long seed = Long.parseLong(args[0]);
        int iterations = Integer.parseInt(args[1]);
        SplittableRandom random = new SplittableRandom(seed);
        long start = System.nanoTime();
        int parsed = 0;
        int refused = 0;
        for (int i = 0; i < iterations; i++) {
            if (i % 100_000 == 0) {
                System.out.println("progress " + i + " after " + (System.nanoTime() - start) / 1_000_000 + " ms");
            }
            String text = random.nextInt(20) == 0 ? randomText(random) : mutate(random);
            int entry = random.nextInt(6);
            SctpNetwork network = SctpNetwork.values()[random.nextInt(SctpNetwork.values().length)];
            try {
                switch (entry) {
                    case 0 -> check(SctpAddress.parse(text), text);
                    case 1 -> check(SctpAddress.resolve(network, text), text);
                    case 2 -> checkHosts(SctpAddress.parseHosts(text), text);
                    case 3 -> checkHosts(SctpAddress.resolveHosts(network, text), text);
                    default -> check(SctpAddress.parse(text), text);
                }
                parsed++;
            } catch (IllegalArgumentException documented) {
                if (documented.getMessage() == null || documented.getMessage().isBlank()) {
                    fail(seed, i, text, "IllegalArgumentException without a message", documented);
                }
                refused++;
            } catch (Throwable e) {
                fail(seed, i, text, "threw " + e, e);
            }
        }
        System.out.println("OK " + iterations + " inputs, " + parsed + " parsed, " + refused
                + " refused with IllegalArgumentException in " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }

    private static void check(SctpAddress address, String text) {
        if (address.port() < 0 || address.port() > 65535) {
            throw new IllegalStateException("port " + address.port() + " from \"" + text + "\"");
        }
        // Documented: parse(a.toString()) equals a; resolved names print as literals, so it holds for all.
        SctpAddress again = SctpAddress.parse(address.toString());
        if (!again.equals(address)) {
            throw new IllegalStateException("\"" + text + "\" -> " + address + " reparses as " + again);
        }
    }

    private static void checkHosts(List<java.net.InetAddress> hosts, String text) {
        if (hosts.isEmpty() || hosts.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalStateException("host list " + hosts + " from \"" + text + "\"");
        }
    }

    private static void fail(long seed, int iteration, String text, String what, Throwable cause) {
        System.out.println("FAIL seed " + seed + ", iteration " + iteration + ": \"" + escape(text) + "\" " + what
                + "; replay with -Dfuzz.seed=" + seed);
        cause.printStackTrace(System.out);
        System.out.flush();
        System.exit(1);
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> out.append(c >= 0x20 && c < 0x7f ? Character.toString(c)
                : String.format("\\u%04x", c)));
        return out.toString();
    }

    private static String randomText(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(40);
        for (int i = 0; i < length; i++) {
            text.append(random.nextInt(4) == 0 ? TOKENS[random.nextInt(TOKENS.length)]
                    : String.valueOf(ALPHABET.charAt(random.nextInt(ALPHABET.length()))));
        }
        return text.toString();
    }

    private static String mutate(SplittableRandom random) {
        StringBuilder text = new StringBuilder(SEEDS.get(random.nextInt(SEEDS.size())));
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            int at = random.nextInt(text.length() + 1);
            switch (random.nextInt(7)) {
                case 0 -> text.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                case 1 -> text.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
                case 2 -> {
                    if (at < text.length()) {
                        text.deleteCharAt(at);
                    }
                }
                case 3 -> {
                    if (at < text.length()) {
                        text.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                    }
                }
                case 4 -> { // duplicate a piece
                    int end = at + random.nextInt(text.length() - at + 1);
                    text.insert(end, text.substring(at, end));
                }
                case 5 -> text.setLength(at); // truncate
                default -> { // join with another seed by a separator
                    String other = SEEDS.get(random.nextInt(SEEDS.size()));
                    text.insert(at, random.nextBoolean() ? "/" + other : other);
                }
            }
        }
        return text.toString();
    }
}
