package dev.chatstore.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.chatstore.MessageType;
import dev.chatstore.NewMessage;
import dev.chatstore.TokenUsage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The idempotency fingerprint chatstore's append computes for a message with a client message id, computed the
 * same way (SHA-256 of the canonical JSON, keys sorted, of role, content, reply link, metadata, attachments and the
 * fields set beyond plain text), so that appending the same message again after the import is recognised as a
 * replay. The replay tests through the public API keep the two in step.
 */
final class PayloadHashes {
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private PayloadHashes() {
    }

    static String of(NewMessage m) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("role", m.role().wireName());
        payload.put("content", m.content());
        payload.put("replyTo", m.replyTo());
        payload.put("metadata", m.metadata());
        payload.put("attachments", m.attachmentIds().stream().sorted().toList());
        if (m.type() != MessageType.TEXT) {
            payload.put("type", m.type().wireName());
        }
        if (!m.media().isEmpty()) {
            payload.put("media", List.of(m.media().refs(), String.valueOf(m.media().audioRef()),
                    String.valueOf(m.media().audioDurationMs())));
        }
        if (!m.usage().equals(TokenUsage.NONE)) {
            payload.put("usage", List.of(String.valueOf(m.usage().model()), String.valueOf(m.usage().promptTokens()),
                    String.valueOf(m.usage().completionTokens())));
        }
        if (m.toolCallId() != null) {
            payload.put("toolCallId", m.toolCallId());
        }
        if (!m.toolCalls().isEmpty()) {
            payload.put("toolCalls", m.toolCalls().stream().map(c -> List.of(c.id(), c.name(), c.arguments())).toList());
        }
        if (m.toolName() != null) {
            payload.put("toolName", m.toolName());
        }
        if (m.reasoning() != null) {
            payload.put("reasoning", m.reasoning());
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(CANONICAL.writeValueAsString(payload).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("validated message values are always JSON", e);
        }
    }
}
