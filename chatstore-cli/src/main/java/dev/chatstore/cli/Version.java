package dev.chatstore.cli;

import picocli.CommandLine.IVersionProvider;

/** The version the jar's manifest names, for {@code --version}. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = ChatstoreCommand.class.getPackage().getImplementationVersion();
        return new String[] {"chatstore " + (version == null ? "(development build)" : version)};
    }
}
