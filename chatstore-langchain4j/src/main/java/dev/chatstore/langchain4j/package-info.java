/**
 * LangChain4j on chatstore: {@link dev.chatstore.langchain4j.ChatstoreChatMemoryStore} keeps a
 * LangChain4j chat memory in a chatstore conversation. Depends on chatstore's API only.
 */
package dev.chatstore.langchain4j;
