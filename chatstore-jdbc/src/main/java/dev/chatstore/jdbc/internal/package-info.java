/** Implementation of the engine. Not API. */
package dev.chatstore.jdbc.internal;
