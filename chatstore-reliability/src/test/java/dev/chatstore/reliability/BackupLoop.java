package dev.chatstore.reliability;

import dev.chatstore.BackupProgress;
import dev.chatstore.sqlite.SqliteChatStore;
import java.nio.file.Path;

/**
 * The child process of {@link SqliteBackupTest}: opens the store on the file given as the first
 * argument and backs it up to the second, over and over, until it is killed, printing
 * {@code READY .} once and {@code DONE n .} after each backup. Not a test; started by one.
 */
public final class BackupLoop {
    private BackupLoop() {
    }

    public static void main(String[] args) {
        SqliteChatStore store = SqliteChatStore.open(Path.of(args[0]));
        Path target = Path.of(args[1]);
        System.out.println("READY .");
        for (int n = 1; ; n++) {
            store.admin().backupTo(target, BackupProgress.NONE);
            System.out.println("DONE " + n + " .");
        }
    }
}
