package dev.chatstore;

import dev.chatstore.internal.Check;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Metadata of a file to register, with its bytes either at a storage URI or inline. Validated on
 * construction; the store also enforces its configured inline size limit. Immutable (the inline
 * bytes are copied in and out).
 */
public final class NewAttachment {
    private final String name;
    private final String mimeType;
    private final long sizeBytes;
    private final String sha256;
    private final String storageUri;
    private final byte[] inlineData;

    private NewAttachment(String name, String mimeType, long sizeBytes, String sha256, String storageUri, byte[] inlineData) {
        this.name = Check.text("name", name, Limits.FILE_NAME_MAX);
        this.mimeType = Check.text("mimeType", mimeType, Limits.MIME_TYPE_MAX);
        this.sizeBytes = Check.nonNegative("sizeBytes", sizeBytes);
        this.sha256 = Check.sha256("sha256", sha256);
        this.storageUri = storageUri;
        this.inlineData = inlineData;
    }

    /**
     * A file whose bytes live elsewhere (object storage, disk).
     *
     * @param name       the file name, non-blank, at most {@link Limits#FILE_NAME_MAX} chars
     * @param mimeType   the MIME type, non-blank, at most {@link Limits#MIME_TYPE_MAX} chars
     * @param sizeBytes  the file's size, 0 or more
     * @param sha256 lowercase hex SHA-256, or null when unknown
     * @param storageUri where the bytes live, non-blank, at most {@link Limits#STORAGE_URI_MAX} chars
     * @return the attachment to register
     * @throws InvalidInputException naming the argument that is null (except {@code sha256}), blank, too long,
     *                               negative or malformed
     */
    public static NewAttachment stored(String name, String mimeType, long sizeBytes, String sha256, String storageUri) {
        Check.text("storageUri", storageUri, Limits.STORAGE_URI_MAX);
        return new NewAttachment(name, mimeType, sizeBytes, sha256, storageUri, null);
    }

    /**
     * A small file kept inline in the store; size and SHA-256 are computed from {@code data}.
     *
     * @param name     the file name, non-blank, at most {@link Limits#FILE_NAME_MAX} chars
     * @param mimeType the MIME type, non-blank, at most {@link Limits#MIME_TYPE_MAX} chars
     * @param data     the bytes (copied), at most the store's inline limit
     *                 ({@link ChatStoreBuilder#maxInlineAttachmentBytes}, checked by {@link Attachments#create})
     * @return the attachment to register
     * @throws InvalidInputException naming the argument that is null, blank or too long
     */
    public static NewAttachment inline(String name, String mimeType, byte[] data) {
        Check.notNull("data", data);
        byte[] copy = data.clone();
        return new NewAttachment(name, mimeType, copy.length, sha256Of(copy), null, copy);
    }

    /** {@return the file name} */
    public String name() {
        return name;
    }

    /** {@return the file's MIME type} */
    public String mimeType() {
        return mimeType;
    }

    /** {@return the file's size in bytes} */
    public long sizeBytes() {
        return sizeBytes;
    }

    /** {@return lowercase hex SHA-256, or null} */
    public String sha256() {
        return sha256;
    }

    /** {@return where the bytes live; null for inline attachments} */
    public String storageUri() {
        return storageUri;
    }

    /** {@return whether the bytes are kept inline in the store} */
    public boolean isInline() {
        return inlineData != null;
    }

    /** {@return a copy of the inline bytes, or null when the file is stored elsewhere} */
    public byte[] inlineData() {
        return inlineData == null ? null : inlineData.clone();
    }

    @Override
    public String toString() {
        return "NewAttachment[name=" + name + ", mimeType=" + mimeType + ", sizeBytes=" + sizeBytes
                + (isInline() ? ", inline" : ", storageUri=" + storageUri) + "]";
    }

    private static String sha256Of(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
