package dev.sctp.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.ReceiveInfo;
import dev.sctp.SctpAddress;
import dev.sctp.SctpSocket;
import dev.sctp.SendInfo;
import java.io.IOException;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server (in the shared context, see {@link DemoServerContext}): the multi-homed listener answers any SCTP peer
 * upper-cased on the same stream and PPID, and the HTTP endpoints (send, health) work.
 */
class DemoServerTests extends DemoServerContext {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void anyPeerGetsTheUpperCasedAnswerOnItsStreamAndPpidOverBothAddresses() throws IOException {
        // dialled at the second address only: the listener is bound to both, and the association has both paths
        try (SctpSocket peer = SctpSocket.dial(SctpAddress.parse("127.0.0.2:" + SCTP_PORT), TIMEOUT)) {
            peer.setReadTimeout(TIMEOUT);
            peer.send("grüße, sctp".getBytes(StandardCharsets.UTF_8), SendInfo.of(5, 46));
            peer.send(" ".getBytes(StandardCharsets.UTF_8), SendInfo.of(2, 7));
            // two streams are two independent lanes: the answers may come back in either order
            Map<Integer, String> answers = new HashMap<>();
            Map<Integer, Integer> ppids = new HashMap<>();
            ReceiveInfo info = new ReceiveInfo();
            for (int i = 0; i < 2; i++) {
                String text = receiveData(peer, info);
                answers.put(info.streamId(), text);
                ppids.put(info.streamId(), info.ppid());
            }
            assertThat(answers).containsExactlyInAnyOrderEntriesOf(Map.of(5, "GRÜSSE, SCTP", 2, " "));
            assertThat(ppids).containsExactlyInAnyOrderEntriesOf(Map.of(5, 46, 2, 7));
            List<InetAddress> paths = peer.paths().stream().map(p -> p.address().getAddress()).toList();
            assertThat(paths).containsExactlyInAnyOrder(InetAddress.getByName("127.0.0.1"),
                    InetAddress.getByName("127.0.0.2"));
        }
    }

    @Test
    void httpSendReturnsTheReplyFromTheChosenStream() throws Exception {
        HttpResponse<String> response = HttpCalls.post(httpPort, "/send?stream=11&ppid=3", "héllo");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = JsonMapper.builder().build().readTree(response.body());
        assertThat(body.get("reply").asString()).isEqualTo("HÉLLO");
        assertThat(body.get("stream").asInt()).isEqualTo(11);
        assertThat(body.get("ppid").asInt()).isEqualTo(3);

        HttpResponse<String> fromQuery = HttpCalls.get(httpPort, "/send?text=abc&stream=4");
        assertThat(fromQuery.statusCode()).as(fromQuery.body()).isEqualTo(200);
        assertThat(fromQuery.body()).contains("\"reply\":\"ABC\"").contains("\"stream\":4");
    }

    @Test
    void httpSendToAStreamBeyondTheAssociationsSaysWhichStreamsExist() throws Exception {
        HttpResponse<String> response = HttpCalls.post(httpPort, "/send?stream=40", "x");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("stream=40").contains("16 streams").contains("0 to 15");
    }

    @Test
    void healthShowsTheListenerOnBothAddressesAndTheClientUp() throws Exception {
        // the client is connected (see clientConnected), so the whole sctp contributor is UP
        HttpResponse<String> response = HttpCalls.get(httpPort, "/actuator/health/sctp");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode sctp = JsonMapper.builder().build().readTree(response.body());
        assertThat(sctp.get("status").asString()).as(response.body()).isEqualTo("UP");
        assertThat(sctp.toString()).contains("127.0.0.1").contains("127.0.0.2");
    }

    private static String receiveData(SctpSocket peer, ReceiveInfo info) throws IOException {
        byte[] buffer = new byte[1024];
        int n;
        do {
            n = peer.receive(buffer, 0, buffer.length, info);
        } while (info.notification() != null);
        return new String(buffer, 0, n, StandardCharsets.UTF_8);
    }

}
