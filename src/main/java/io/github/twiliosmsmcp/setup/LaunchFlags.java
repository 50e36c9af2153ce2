package io.github.twiliosmsmcp.setup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JVM flags this project recommends for starting the server, for one Java runtime version. This
 * is the one place they are defined: {@code setup}, {@code --help}, the tests and the README's flag
 * list all come from here, so a benchmark that uses them measures what users run.
 *
 * <p>Java 17 to 24 get a dynamic AppCDS archive ({@code .jsa}). Java 25 and later get an AOT cache
 * ({@code .aot}, JEP 483/514), which also keeps classes linked and starts faster still, but only
 * from the updates that reject a cache made for another jar (see {@link #aotCacheChecksTheJar}).
 */
public record LaunchFlags(Runtime.Version java) {
    /** The oldest Java the server runs on. */
    public static final int MINIMUM_JAVA = 17;
    /** From here {@code -XX:AOTCacheOutput} makes an AOT cache in one training run (JEP 514). */
    public static final int AOT_CACHE_SINCE = 25;

    /**
     * Stdout carries the protocol, and a JVM that cannot use its archive says so on stdout by default.
     * These two keep every JVM message of level warning and above, on stderr instead.
     */
    public static final List<String> STDOUT_SAFE = List.of("-Xlog:disable", "-Xlog:all=warning:stderr");

    /**
     * A stdio server spends its life waiting for a person: the C1 compiler alone and the serial
     * collector start sooner and use less memory than the throughput-oriented defaults.
     */
    public static final List<String> FAST_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    public LaunchFlags {
        if (java.feature() < MINIMUM_JAVA) {
            throw new IllegalArgumentException("Java " + java + " is too old: the server needs Java "
                    + MINIMUM_JAVA + " or later");
        }
    }

    /** The flags for the Java this code runs on. */
    public static LaunchFlags forRunningJava() {
        return new LaunchFlags(Runtime.version());
    }

    /** The flags for a Java version written as {@code java -version} prints it, such as {@code 25.0.3}. */
    public static LaunchFlags forJava(String version) {
        return new LaunchFlags(Runtime.Version.parse(version));
    }

    public boolean usesAotCache() {
        return java.feature() >= AOT_CACHE_SINCE && aotCacheChecksTheJar(java);
    }

    /**
     * Before JDK-8377932 was fixed (25.0.4, 26.0.1, 27) a JVM does not check the jar against its AOT
     * cache: after the jar is replaced it runs the old classes from the cache, mixed with new ones.
     * Those versions get an AppCDS archive, which the JVM does check, and ignores when it is stale.
     */
    static boolean aotCacheChecksTheJar(Runtime.Version version) {
        return switch (version.feature()) {
            case 25 -> version.update() >= 4;
            case 26 -> version.update() >= 1;
            default -> version.feature() > 26;
        };
    }

    /** What the archive is called, in messages. */
    public String archiveKind() {
        return usesAotCache() ? "AOT cache" : "AppCDS archive";
    }

    /** The archive's default file name, kept next to the jar. */
    public String archiveFileName() {
        return usesAotCache() ? "twilio-sms-mcp.aot" : "twilio-sms-mcp.jsa";
    }

    /**
     * Everything that goes before {@code -jar} to serve; without an archive, no archive flag. Give
     * absolute paths: clients start the server in a folder of their own choosing.
     */
    public List<String> launch(Optional<Path> archive) {
        List<String> flags = new ArrayList<>(STDOUT_SAFE);
        flags.addAll(FAST_START);
        archive.ifPresent(file -> flags.addAll(useArchive(file)));
        return List.copyOf(flags);
    }

    /**
     * The flag that reads an archive. A missing or stale archive is ignored with a warning (on stderr
     * thanks to {@link #STDOUT_SAFE}) and the server starts as without it.
     *
     * <p>Not {@code -XX:+AutoCreateSharedArchive} (Java 19+), though it rewrites an archive left by
     * another JDK build: it does not notice a replaced jar, the JVM exits with status 1 when it cannot
     * write the archive, and it writes the file in place at exit, where two servers stopping together
     * can leave a mixed file. {@code setup} writes a new file and renames it into place instead.
     */
    public List<String> useArchive(Path archive) {
        return List.of((usesAotCache() ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + archive);
    }

    /**
     * A training run: the server as it is launched, writing the archive at exit. Training with the
     * launch flags keeps the archive's recorded options the same as those it is used with.
     */
    public List<String> training(Path output) {
        List<String> flags = new ArrayList<>(launch(Optional.empty()));
        String file = output.toAbsolutePath().toString();
        flags.add(usesAotCache() ? "-XX:AOTCacheOutput=" + file : "-XX:ArchiveClassesAtExit=" + file);
        return List.copyOf(flags);
    }

    /** Like {@link #launch}, but the JVM refuses to start unless it can use the archive. */
    public List<String> requireArchive(Path archive) {
        List<String> flags = new ArrayList<>(launch(Optional.empty()));
        String file = archive.toAbsolutePath().toString();
        if (usesAotCache()) {
            flags.addAll(List.of("-XX:AOTMode=on", "-XX:AOTCache=" + file));
        } else {
            flags.addAll(List.of("-Xshare:on", "-XX:SharedArchiveFile=" + file));
        }
        return List.copyOf(flags);
    }

    /**
     * Why the JVM would misread this archive path, if it would: on Unix {@code :} separates archive
     * files in {@code SharedArchiveFile}, and {@code %p}/{@code %t} are replaced in AOT cache names.
     */
    public Optional<String> unusablePath(Path archive, boolean windows) {
        String file = archive.toAbsolutePath().toString();
        if (!usesAotCache() && !windows && file.contains(":")) {
            return Optional.of("the JVM reads ':' in an archive path as a list separator");
        }
        if (usesAotCache() && file.contains("%")) {
            return Optional.of("the JVM replaces %p and %t in an AOT cache path");
        }
        return Optional.empty();
    }
}
