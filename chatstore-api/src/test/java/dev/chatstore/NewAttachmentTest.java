package dev.chatstore;

import static dev.chatstore.InvalidInput.expectInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** NewAttachment checks its file metadata when built. */
class NewAttachmentTest {

    @Test
    void aStoredFileNeedsSaneMetadata() {
        expectInvalid("sizeBytes", () -> NewAttachment.stored("f", "text/plain", -1, null, "s3://x"));
        expectInvalid("sha256", () -> NewAttachment.stored("f", "text/plain", 1, "ABC", "s3://x"));
        expectInvalid("sha256", () -> NewAttachment.stored("f", "text/plain", 1, "A".repeat(64), "s3://x"));
        expectInvalid("storageUri", () -> NewAttachment.stored("f", "text/plain", 1, null, " "));
        expectInvalid("storageUri", () -> NewAttachment.stored("f", "text/plain", 1, null, "s".repeat(Limits.STORAGE_URI_MAX + 1)));
        expectInvalid("name", () -> NewAttachment.stored("", "text/plain", 1, null, "s3://x"));
        expectInvalid("mimeType", () -> NewAttachment.stored("f", "t".repeat(Limits.MIME_TYPE_MAX + 1), 1, null, "s3://x"));
        assertThat(NewAttachment.stored("f", "text/plain", 0, "0".repeat(64), "s3://x").sizeBytes()).isZero();
    }

    @Test
    void anInlineFileNeedsItsBytes() {
        expectInvalid("name", () -> NewAttachment.inline("\uD800", "text/plain", new byte[1]));
        expectInvalid("data", () -> NewAttachment.inline("f", "text/plain", null));
        assertThat(NewAttachment.inline("f", "text/plain", new byte[0]).sizeBytes()).as("an empty file").isZero();
    }
}
