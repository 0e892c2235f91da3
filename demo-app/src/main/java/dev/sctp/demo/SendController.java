package dev.sctp.demo;

import dev.sctp.integration.connection.SctpAssociation;
import dev.sctp.integration.connection.SctpClientAssociationFactory;
import dev.sctp.integration.support.SctpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * On-demand sending, so a person can poke the demo: {@code POST /send?stream=3} with a text body (or
 * {@code GET /send?text=hello&stream=3}) sends the text through the client {@code echo} on that stream and returns
 * the server's reply as JSON.
 */
@RestController
@ConditionalOnWebApplication
public class SendController {

    private final EchoGateway gateway;
    private final SctpClientAssociationFactory client;

    /**
     * Creates the controller.
     *
     * @param gateway the client's request/reply gateway
     * @param client the client's association factory, which tells how many streams there are
     */
    public SendController(EchoGateway gateway, @Qualifier("sctpClient-echo") SctpClientAssociationFactory client) {
        this.gateway = gateway;
        this.client = client;
    }

    /**
     * Sends {@code text} on {@code stream} and returns the reply.
     *
     * @param text the request, as UTF-8
     * @param stream the stream, 0 to 15 with the demo's configuration
     * @param ppid the payload protocol identifier
     * @return the reply, stream, PPID and round trip; 400 with the reason if it could not be sent
     */
    @PostMapping(path = "/send", produces = "application/json")
    public ResponseEntity<Map<String, Object>> send(@RequestBody String text,
            @RequestParam(defaultValue = "0") int stream, @RequestParam(defaultValue = "0") int ppid) {
        if (text.isEmpty()) {
            return error(HttpStatus.BAD_REQUEST, "empty text: SCTP carries no empty messages; send at least one byte");
        }
        SctpAssociation association = client.getAssociations().stream().filter(SctpAssociation::isOpen).findFirst()
                .orElse(null);
        if (association == null) {
            return error(HttpStatus.SERVICE_UNAVAILABLE, "the client 'echo' has no association to " + client.getPeers()
                    + " yet: it reconnects in the background; see /actuator/health/sctp");
        }
        int streams = Math.min(association.getOutboundStreams(), association.getInboundStreams());
        if (stream < 0 || stream >= streams) {
            return error(HttpStatus.BAD_REQUEST, "stream=" + stream + " is not one of the " + streams
                    + " streams of association " + association.getId() + ": use 0 to " + (streams - 1));
        }
        long t0 = System.nanoTime();
        Message<byte[]> reply;
        try {
            reply = gateway.exchange(text.getBytes(StandardCharsets.UTF_8), stream, ppid);
        } catch (MessagingException e) {
            Throwable cause = e.getMostSpecificCause();
            return error(cause instanceof IllegalArgumentException ? HttpStatus.BAD_REQUEST
                    : HttpStatus.SERVICE_UNAVAILABLE, cause.getMessage() == null ? e.toString() : cause.getMessage());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("request", text);
        body.put("reply", new String(reply.getPayload(), StandardCharsets.UTF_8));
        body.put("stream", reply.getHeaders().get(SctpHeaders.STREAM_ID));
        body.put("ppid", reply.getHeaders().get(SctpHeaders.PPID));
        body.put("association", reply.getHeaders().get(SctpHeaders.ASSOCIATION_ID));
        body.put("roundTripMicros", (System.nanoTime() - t0) / 1000);
        return ResponseEntity.ok(body);
    }

    /**
     * Sends {@code text} on {@code stream}, for a browser's address bar.
     *
     * @param text the request
     * @param stream the stream
     * @param ppid the payload protocol identifier
     * @return as {@link #send}
     */
    @GetMapping(path = "/send", produces = "application/json")
    public ResponseEntity<Map<String, Object>> sendFromQuery(@RequestParam String text,
            @RequestParam(defaultValue = "0") int stream, @RequestParam(defaultValue = "0") int ppid) {
        return send(text, stream, ppid);
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        return ResponseEntity.status(status).body(body);
    }
}
