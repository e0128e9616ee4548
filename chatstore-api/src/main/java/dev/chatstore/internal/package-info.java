/** Internal helpers shared by chatstore's own modules. Not API: may change without notice. */
package dev.chatstore.internal;
