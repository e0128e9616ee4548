package dev.chatstore.cli;

import dev.chatstore.ChatStore;
import dev.chatstore.StoreChecksums;
import dev.chatstore.StoreStatistics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Store-wide counts; with {@code --tables} the rows of every table (one consistent read). */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Shows the store's users, conversations, messages and active personas.")
final class StatsCommand extends SingleStoreCommand {
    @Option(names = "--tables", description = "Also count the rows of every table, and each user's checksum (reads everything).")
    boolean tables;

    @Override
    boolean needsCurrentSchema() {
        return true;
    }

    @Override
    int run(ChatStore store) {
        StoreStatistics statistics = store.admin().statistics();
        Map<String, Object> json = json(statistics);
        String text = text(statistics);
        if (tables) {
            StoreChecksums checksums = store.admin().checksums();
            json.put("tables", new TreeMap<>(checksums.tableRows()));
            json.put("userChecksums", new TreeMap<>(checksums.userChecksums()));
            text += "\nRows per table:" + Views.tableRows(checksums.tableRows());
        }
        output().result(json, text);
        return Exit.OK;
    }

    static Map<String, Object> json(StoreStatistics statistics) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("users", statistics.users());
        json.put("conversations", statistics.conversations());
        json.put("messages", statistics.messages());
        json.put("activePersonas", statistics.activePersonas());
        return json;
    }

    static String text(StoreStatistics statistics) {
        return Views.count(statistics.users()) + " users, " + Views.count(statistics.conversations()) + " conversations, "
                + Views.count(statistics.messages()) + " messages, " + Views.count(statistics.activePersonas())
                + " active personas";
    }
}
