package dev.sctp.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanUtils;

/**
 * The configuration metadata describes every property, and the README lists every property in its table.
 */
class StarterReadmeTests {


    @Test
    void metadataDescribesEveryPropertyAndTheReadmeListsIt() throws IOException, JSONException {
        JSONArray properties = new JSONObject(sctpMetadata()).getJSONArray("properties");
        String readme = Files.readString(Path.of("..", "README.md"));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < properties.length(); i++) {
            JSONObject property = properties.getJSONObject(i);
            String name = property.getString("name");
            names.add(name);
            assertThat(property.optString("description")).as("description of %s", name).isNotBlank();
            if (name.equals("sctp.clients") || name.equals("sctp.listeners")) {
                continue;
            }
            String row = name.startsWith("sctp.listen.") ? name.substring("sctp.listen.".length()) : name;
            assertThat(readme).as("README row of %s", name).contains("| `" + row + "` |");
        }
        assertThat(names).contains("sctp.enabled", "sctp.listen.addresses", "sctp.listen.streams.outbound",
                "sctp.metrics.per-stream", "sctp.clients", "sctp.listeners");
        for (String client : clientProperties()) {
            assertThat(readme).as("README row of sctp.clients.<name>.%s", client).contains("| `" + client + "` |");
        }
    }

    @Test
    void metadataHintsEnumsChannelsAndMapKeys() throws IOException, JSONException {
        JSONArray hints = new JSONObject(sctpMetadata()).getJSONArray("hints");
        Map<String, JSONObject> byName = new HashMap<>();
        for (int i = 0; i < hints.length(); i++) {
            byName.put(hints.getJSONObject(i).getString("name"), hints.getJSONObject(i));
        }
        assertThat(byName).containsKeys("sctp.listeners.keys", "sctp.clients.keys", "sctp.listen.network",
                "sctp.listen.payload-type", "sctp.listen.error-channel");
        assertThat(byName.get("sctp.listen.network").getJSONArray("values").toString()).contains("\"sctp4\"")
                .contains("\"sctp6\"");
        assertThat(byName.get("sctp.listen.error-channel").getJSONArray("providers").getJSONObject(0)
                .getString("name")).isEqualTo("spring-bean-reference");
        JSONArray properties = new JSONObject(sctpMetadata()).getJSONArray("properties");
        Map<String, String> types = new HashMap<>();
        for (int i = 0; i < properties.length(); i++) {
            types.put(properties.getJSONObject(i).getString("name"), properties.getJSONObject(i).optString("type"));
        }
        assertThat(types).containsEntry("sctp.listen.addresses", "java.util.List<dev.sctp.boot.autoconfigure.SctpHostAddress>")
                .containsEntry("sctp.listen.port", "java.lang.Integer")
                .containsEntry("sctp.listen.error-channel", "java.lang.String")
                .containsEntry("sctp.clients", "java.util.Map<java.lang.String,dev.sctp.boot.autoconfigure.SctpClientProperties>");
    }

    @Test
    void theAutoconfigureModuleDependsOnSctpOptionallyAndTheStarterBringsIt() throws IOException {
        String autoconfigure = Files.readString(Path.of("pom.xml"));
        String starter = Files.readString(Path.of("..", "sctp-spring-boot-starter", "pom.xml"));
        for (String artifact : List.of("sctp-core", "sctp-spring-integration")) {
            assertThat(autoconfigure).as("optional %s", artifact).containsPattern("<artifactId>" + artifact
                    + "</artifactId>\\s*<optional>true</optional>");
            assertThat(starter).as("starter brings %s", artifact).contains("<artifactId>" + artifact + "</artifactId>");
        }
    }

    private static List<String> clientProperties() {
        List<String> names = new ArrayList<>();
        for (var p : BeanUtils.getPropertyDescriptors(SctpClientProperties.class)) {
            if (p.getReadMethod() != null && p.getReadMethod().getDeclaringClass() == SctpClientProperties.class) {
                if (p.getPropertyType() == SctpClientProperties.Reconnect.class) {
                    for (var r : BeanUtils.getPropertyDescriptors(SctpClientProperties.Reconnect.class)) {
                        if (r.getWriteMethod() != null) {
                            names.add("reconnect." + dashed(r.getName()));
                        }
                    }
                } else {
                    names.add(dashed(p.getName()));
                }
            }
        }
        assertThat(names).contains("connect-timeout", "failover-addresses", "reconnect.max-delay");
        return names;
    }

    private static String dashed(String name) {
        return name.replaceAll("([A-Z])", "-$1").toLowerCase();
    }

    private static String sctpMetadata() throws IOException {
        Enumeration<URL> all = StarterReadmeTests.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json");
        while (all.hasMoreElements()) {
            try (InputStream in = all.nextElement().openStream()) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (text.contains("\"sctp.listen.addresses\"")) {
                    return text;
                }
            }
        }
        throw new AssertionError("no SCTP configuration metadata on the class path");
    }
}
