package dev.chatstore.example;

import java.io.File;

/**
 * The module path a user of chatstore-sqlite gets: the example's classes and its runtime
 * dependencies, as Maven resolved them for this build (see this module's pom). None of the test
 * dependencies are on it.
 */
final class ExampleModulePath {
    private ExampleModulePath() {
    }

    static String get() {
        return required("chatstore.example.classes") + File.pathSeparator + required("chatstore.example.dependencies");
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank() || value.startsWith("${")) {
            throw new IllegalStateException("System property " + property + " is not set: run the tests through"
                    + " Maven, e.g. mvn -B verify -pl chatstore-modular-test -am");
        }
        return value;
    }
}
