package dev.chatstore.cli;

import dev.chatstore.StoredFileDeleter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Deletes an orphaned attachment's file when its storage URI is a local {@code file:} URI; refuses any other (the
 * purge then keeps the attachment and reports it): this command cannot know the application's object storage.
 * Thread-safe.
 */
final class LocalFileDeleter implements StoredFileDeleter {
    @Override
    public void delete(String storageUri) throws Exception {
        URI uri;
        try {
            uri = new URI(storageUri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URI: " + storageUri, e);
        }
        if (!"file".equalsIgnoreCase(uri.getScheme())) {
            throw new UnsupportedOperationException("only local file: URIs can be deleted by this command, not "
                    + storageUri);
        }
        Files.deleteIfExists(Path.of(uri));
    }
}
