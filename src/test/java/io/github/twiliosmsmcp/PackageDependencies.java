package io.github.twiliosmsmcp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which packages of src/main use which, read from import statements and from names written out in
 * full in the code; a class's own package does not count. Packages are named by their feature (the
 * first name under the root, sub-packages included), and the root package's classes as {@code root}.
 */
public final class PackageDependencies {
    public static final String ROOT = "root";
    public static final Path SOURCES = Path.of("src/main/java/io/github/twiliosmsmcp");
    /** A class of a package (group 1), or of the root package (group 2), or a whole package imported. */
    private static final Pattern REFERENCE =
            Pattern.compile("io\\.github\\.twiliosmsmcp\\.(?:([a-z][a-z0-9]*)\\.(?:[A-Z]|\\*)|([A-Z]))");

    private PackageDependencies() {}

    /** Each package, with the packages it uses. */
    public static Map<String, Set<String>> ofSources() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path folder = SOURCES.relativize(file).getParent();
                String from = folder == null ? ROOT : folder.getName(0).toString();
                Set<String> used = uses.computeIfAbsent(from, p -> new TreeSet<>());
                Matcher m = REFERENCE.matcher(Files.readString(file));
                while (m.find()) {
                    String to = m.group(1) == null ? ROOT : m.group(1);
                    if (!to.equals(from)) {
                        used.add(to);
                    }
                }
            }
        }
        return uses;
    }
}
