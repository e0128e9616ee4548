package dev.chatstore.jdbc;

import java.util.Objects;

/** A JSON document bound as a statement argument; each dialect stores it in its JSON column type. */
public record JsonText(String json) {
    public JsonText {
        Objects.requireNonNull(json, "json");
    }
}
