package dev.chatstore.langchain4j;

import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.UserMessage;

/** An AI Service whose chat memory is chosen per call by its memory id, of any type. */
interface Assistant {
    String chat(@MemoryId Object memoryId, @UserMessage String text);

    String chatByNumber(@MemoryId int memoryId, @UserMessage String text);
}
