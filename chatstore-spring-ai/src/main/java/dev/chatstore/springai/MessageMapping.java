package dev.chatstore.springai;

import dev.chatstore.Limits;
import dev.chatstore.NewMessage;
import dev.chatstore.Role;
import dev.chatstore.ToolCall;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.ai.chat.messages.AbstractMessage;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.content.Media;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.util.MimeType;

/**
 * How Spring AI messages are stored as chatstore messages and read back.
 *
 * <p>chatstore's own fields hold what it has a field for, so chatstore's readers see a normal
 * conversation: the role, the text as content, an assistant's tool calls as {@link ToolCall}s, a tool
 * response's call id and tool name. What chatstore has no field for goes into the chatstore message's
 * metadata as JSON values, under keys that start with {@code springai.}:
 * <ul>
 *   <li>{@value #METADATA}: the Spring AI metadata (an assistant's properties), without
 *       {@code messageType}, which the role gives. Values that are not JSON values are stored as text
 *       (an enum by its name, anything else by {@code toString()}); numbers come back as chatstore
 *       reads JSON numbers (Integer, Long or BigInteger by size; Double for decimals).</li>
 *   <li>{@value #MEDIA}: media of user and assistant messages, each as {@code mimeType}, {@code id},
 *       {@code name} and either {@code data} (a URL or other text; read back as its UTF-8 bytes when it
 *       is not a URI) or {@code dataBase64} (bytes). The
 *       metadata of a chatstore message is at most {@link Limits#METADATA_MAX} characters, so large
 *       inline media do not fit; chatstore rejects the message.</li>
 *   <li>{@value #NULL_TEXT}: an assistant message whose text was null (chatstore stores "").</li>
 *   <li>{@value #TOOL_CALL_TYPES}: the tool call types when one is not {@code "function"};
 *       {@value #TOOL_CALLS}: all tool calls, with id, type, name and arguments, when chatstore cannot
 *       hold them as {@link ToolCall}s (a blank id or name, duplicate ids, too many).</li>
 *   <li>{@value #TOOL_RESPONSE}: a {@link ToolResponseMessage} is stored as one chatstore tool message
 *       per response (call id, tool name, response data as content); when it has several responses (or
 *       none) each carries {@code index} and {@code count} so they are read back as one message. The
 *       message's metadata is on the first. {@code id} and {@code name} are kept here when chatstore
 *       cannot hold them (blank), {@code nullData} when the response data was null.</li>
 * </ul>
 * Spring AI compares {@link Media} by identity, so a message with media is never {@code equals} to
 * its copy read back; every other message is, when its metadata holds JSON values.
 */
final class MessageMapping {

    static final String METADATA = "springai.metadata";
    static final String MEDIA = "springai.media";
    static final String NULL_TEXT = "springai.nullText";
    static final String TOOL_CALL_TYPES = "springai.toolCallTypes";
    static final String TOOL_CALLS = "springai.toolCalls";
    static final String TOOL_RESPONSE = "springai.toolResponse";
    private static final String FUNCTION = "function";

    private MessageMapping() {
    }

    /** One Spring AI message as the chatstore messages that store it. */
    record Unit(List<NewMessage> messages) {
        /** Whether {@code stored} is this unit as chatstore stored it. */
        boolean sameAs(List<dev.chatstore.Message> stored) {
            if (stored.size() != messages.size()) {
                return false;
            }
            for (int i = 0; i < messages.size(); i++) {
                NewMessage n = messages.get(i);
                dev.chatstore.Message s = stored.get(i);
                if (n.role() != s.role() || !n.content().equals(s.content())
                        || !Objects.equals(n.toolCallId(), s.toolCallId())
                        || !Objects.equals(n.toolName(), s.toolName())
                        || !n.toolCalls().equals(s.toolCalls())
                        || !n.metadata().equals(s.metadata())) {
                    return false;
                }
            }
            return true;
        }
    }

    static Unit toChatstore(Message message) {
        Map<String, Object> springMetadata = json(withoutType(message.getMetadata()));
        if (message instanceof ToolResponseMessage tool) {
            return toolResponses(tool, springMetadata);
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        if (!springMetadata.isEmpty()) {
            meta.put(METADATA, springMetadata);
        }
        String text = message.getText();
        NewMessage stored;
        switch (message.getMessageType()) {
            case USER -> {
                putMedia(meta, message instanceof UserMessage user ? user.getMedia() : List.of());
                stored = NewMessage.user(text);
            }
            case SYSTEM -> stored = NewMessage.system(text);
            case ASSISTANT -> {
                if (text == null) {
                    meta.put(NULL_TEXT, true);
                }
                stored = NewMessage.assistant(text == null ? "" : text);
                if (message instanceof AssistantMessage assistant) {
                    putMedia(meta, assistant.getMedia());
                    stored = withToolCalls(stored, assistant.getToolCalls(), meta);
                }
            }
            case TOOL -> stored = NewMessage.of(Role.TOOL, text == null ? "" : text);
            default -> throw new IllegalArgumentException("unknown message type " + message.getMessageType());
        }
        return new Unit(List.of(stored.metadata(meta)));
    }

    private static NewMessage withToolCalls(NewMessage message, List<AssistantMessage.ToolCall> calls,
                                            Map<String, Object> meta) {
        if (calls == null || calls.isEmpty()) {
            return message;
        }
        boolean fits = calls.size() <= Limits.TOOL_CALLS_PER_MESSAGE_MAX
                && calls.stream().map(AssistantMessage.ToolCall::id).distinct().count() == calls.size()
                && calls.stream().allMatch(c -> fits(c.id()) && fits(c.name()) && c.arguments() != null);
        if (!fits) {
            List<Object> all = new ArrayList<>();
            for (AssistantMessage.ToolCall c : calls) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", c.id());
                m.put("type", c.type());
                m.put("name", c.name());
                m.put("arguments", c.arguments());
                all.add(m);
            }
            meta.put(TOOL_CALLS, all);
            return message;
        }
        if (calls.stream().anyMatch(c -> !FUNCTION.equals(c.type()))) {
            meta.put(TOOL_CALL_TYPES, calls.stream().map(AssistantMessage.ToolCall::type).toList());
        }
        return message.toolCalls(calls.stream().map(c -> new ToolCall(c.id(), c.name(), c.arguments())).toList());
    }

    private static Unit toolResponses(ToolResponseMessage tool, Map<String, Object> springMetadata) {
        List<ToolResponseMessage.ToolResponse> responses = tool.getResponses() == null ? List.of() : tool.getResponses();
        int count = responses.size();
        List<NewMessage> out = new ArrayList<>();
        for (int i = 0; i < Math.max(1, count); i++) {
            Map<String, Object> meta = new LinkedHashMap<>();
            if (i == 0 && !springMetadata.isEmpty()) {
                meta.put(METADATA, springMetadata);
            }
            Map<String, Object> part = new LinkedHashMap<>();
            if (count != 1) {
                part.put("index", i);
                part.put("count", count);
            }
            NewMessage stored;
            if (count == 0) {
                stored = NewMessage.of(Role.TOOL, "");
            } else {
                ToolResponseMessage.ToolResponse r = responses.get(i);
                String data = r.responseData() == null ? "" : r.responseData();
                if (r.responseData() == null) {
                    part.put("nullData", true);
                }
                if (fits(r.id()) && fits(r.name())) {
                    stored = NewMessage.tool(r.id(), r.name(), data);
                } else {
                    part.put("id", r.id());
                    part.put("name", r.name());
                    stored = NewMessage.of(Role.TOOL, data);
                }
            }
            if (!part.isEmpty()) {
                meta.put(TOOL_RESPONSE, part);
            }
            out.add(stored.metadata(meta));
        }
        return new Unit(List.copyOf(out));
    }

    private static boolean fits(String s) {
        return s != null && !s.isBlank() && s.length() <= Limits.TOOL_NAME_MAX && s.length() <= Limits.TOOL_CALL_ID_MAX;
    }

    /** Stored chatstore messages grouped into the units of one Spring AI message each. */
    static List<List<dev.chatstore.Message>> group(List<dev.chatstore.Message> stored) {
        List<List<dev.chatstore.Message>> units = new ArrayList<>();
        int i = 0;
        while (i < stored.size()) {
            dev.chatstore.Message m = stored.get(i);
            int count = 1;
            Map<?, ?> part = toolPart(m);
            if (part != null && intOf(part.get("index")) == 0 && part.get("count") instanceof Number n && n.intValue() > 1) {
                count = n.intValue();
                for (int k = 1; k < count; k++) {
                    Map<?, ?> next = i + k < stored.size() ? toolPart(stored.get(i + k)) : null;
                    if (next == null || intOf(next.get("index")) != k) {
                        count = 1;
                        break;
                    }
                }
            }
            units.add(List.copyOf(stored.subList(i, i + count)));
            i += count;
        }
        return units;
    }

    private static Map<?, ?> toolPart(dev.chatstore.Message m) {
        return m.role() == Role.TOOL && m.metadata().get(TOOL_RESPONSE) instanceof Map<?, ?> p ? p : null;
    }

    private static int intOf(Object o) {
        return o instanceof Number n ? n.intValue() : -1;
    }

    static List<Message> toSpring(List<dev.chatstore.Message> stored) {
        List<Message> out = new ArrayList<>();
        for (List<dev.chatstore.Message> unit : group(stored)) {
            out.add(toSpringMessage(unit));
        }
        return out;
    }

    /** The Spring AI message stored as {@code unit} (one group of {@link #group}). */
    static Message toSpringMessage(List<dev.chatstore.Message> unit) {
        dev.chatstore.Message first = unit.get(0);
        Map<String, Object> meta = first.metadata();
        Map<String, Object> springMetadata = meta.get(METADATA) instanceof Map<?, ?> m ? copy(m) : new HashMap<>();
        return switch (first.role()) {
            case USER -> UserMessage.builder().text(first.content()).media(media(meta)).metadata(springMetadata).build();
            case SYSTEM -> SystemMessage.builder().text(first.content()).metadata(springMetadata).build();
            case ASSISTANT -> AssistantMessage.builder()
                    .content(Boolean.TRUE.equals(meta.get(NULL_TEXT)) ? null : first.content())
                    .properties(springMetadata)
                    .toolCalls(toolCalls(first))
                    .media(media(meta))
                    .build();
            case TOOL -> ToolResponseMessage.builder().responses(responses(unit)).metadata(springMetadata).build();
        };
    }

    private static List<AssistantMessage.ToolCall> toolCalls(dev.chatstore.Message m) {
        if (m.metadata().get(TOOL_CALLS) instanceof List<?> all) {
            List<AssistantMessage.ToolCall> calls = new ArrayList<>();
            for (Object o : all) {
                Map<?, ?> c = (Map<?, ?>) o;
                calls.add(new AssistantMessage.ToolCall((String) c.get("id"), (String) c.get("type"),
                        (String) c.get("name"), (String) c.get("arguments")));
            }
            return calls;
        }
        List<?> types = m.metadata().get(TOOL_CALL_TYPES) instanceof List<?> t ? t : null;
        List<AssistantMessage.ToolCall> calls = new ArrayList<>();
        for (int i = 0; i < m.toolCalls().size(); i++) {
            ToolCall c = m.toolCalls().get(i);
            String type = types != null && i < types.size() ? (String) types.get(i) : FUNCTION;
            calls.add(new AssistantMessage.ToolCall(c.id(), type, c.name(), c.arguments()));
        }
        return calls;
    }

    private static List<ToolResponseMessage.ToolResponse> responses(List<dev.chatstore.Message> unit) {
        List<ToolResponseMessage.ToolResponse> responses = new ArrayList<>();
        for (dev.chatstore.Message m : unit) {
            Map<?, ?> part = toolPart(m);
            if (part != null && intOf(part.get("count")) == 0) {
                return responses;
            }
            String id = m.toolCallId();
            String name = m.toolName();
            String data = m.content();
            if (part != null) {
                id = part.containsKey("id") ? (String) part.get("id") : id;
                name = part.containsKey("name") ? (String) part.get("name") : name;
                data = Boolean.TRUE.equals(part.get("nullData")) ? null : data;
            }
            responses.add(new ToolResponseMessage.ToolResponse(id, name, data));
        }
        return responses;
    }

    private static void putMedia(Map<String, Object> meta, List<Media> media) {
        if (media == null || media.isEmpty()) {
            return;
        }
        List<Object> list = new ArrayList<>();
        for (Media m : media) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("mimeType", m.getMimeType().toString());
            entry.put("id", m.getId());
            entry.put("name", m.getName());
            if (m.getData() instanceof byte[] bytes) {
                entry.put("dataBase64", Base64.getEncoder().encodeToString(bytes));
            } else {
                entry.put("data", String.valueOf(m.getData()));
            }
            list.add(entry);
        }
        meta.put(MEDIA, list);
    }

    private static List<Media> media(Map<String, Object> meta) {
        List<Media> media = new ArrayList<>();
        if (meta.get(MEDIA) instanceof List<?> list) {
            for (Object o : list) {
                Map<?, ?> e = (Map<?, ?>) o;
                media.add(withData(Media.builder(), e)
                        .mimeType(MimeType.valueOf((String) e.get("mimeType")))
                        .id((String) e.get("id"))
                        .name((String) e.get("name"))
                        .build());
            }
        }
        return media;
    }

    /**
     * Sets the stored data through builder methods that Spring AI 1.1 and 2.0 both have: 2.0 removed
     * {@code data(Object)}. Bytes go in as a resource, which the builder copies; text as a URI, whose
     * {@code toString()} gives the text back, and as its UTF-8 bytes if it is not a URI.
     */
    private static Media.Builder withData(Media.Builder builder, Map<?, ?> entry) {
        if (entry.get("dataBase64") instanceof String b64) {
            return builder.data(new ByteArrayResource(Base64.getDecoder().decode(b64)));
        }
        String text = String.valueOf(entry.get("data"));
        try {
            return builder.data(new URI(text));
        } catch (URISyntaxException notAUri) {
            return builder.data(new ByteArrayResource(text.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static Map<String, Object> withoutType(Map<String, Object> metadata) {
        if (metadata == null) {
            return Map.of();
        }
        Map<String, Object> copy = new LinkedHashMap<>(metadata);
        copy.remove(AbstractMessage.MESSAGE_TYPE);
        return copy;
    }

    private static Map<String, Object> copy(Map<?, ?> map) {
        Map<String, Object> copy = new HashMap<>();
        map.forEach((k, v) -> copy.put((String) k, v));
        return copy;
    }

    /** The map with every value a JSON value (see the class comment). */
    private static Map<String, Object> json(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), jsonValue(v)));
        return out;
    }

    private static Object jsonValue(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Integer || v instanceof Long
                || v instanceof Short || v instanceof Byte || v instanceof BigInteger || v instanceof Double
                || v instanceof Float || v instanceof BigDecimal) {
            return v;
        }
        if (v instanceof Map<?, ?> m) {
            return json(m);
        }
        if (v instanceof Collection<?> c) {
            return c.stream().map(MessageMapping::jsonValue).toList();
        }
        if (v instanceof Object[] array) {
            return java.util.Arrays.stream(array).map(MessageMapping::jsonValue).toList();
        }
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        return v.toString();
    }
}
