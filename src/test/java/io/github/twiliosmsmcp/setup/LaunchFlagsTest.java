package io.github.twiliosmsmcp.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LaunchFlagsTest {
    private static final Path JSA = Path.of("/opt/sms/twilio-sms-mcp.jsa");
    private static final Path AOT = Path.of("/opt/sms/twilio-sms-mcp.aot");
    private static final List<String> BASE = List.of("-Xlog:disable", "-Xlog:all=warning:stderr",
            "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    @Test
    void java17ReadsAnAppCdsArchive() {
        LaunchFlags flags = LaunchFlags.forJava("17.0.15");

        assertFalse(flags.usesAotCache());
        assertEquals("twilio-sms-mcp.jsa", flags.archiveFileName());
        assertEquals(concat(BASE, "-XX:SharedArchiveFile=/opt/sms/twilio-sms-mcp.jsa"), flags.launch(Optional.of(JSA)));
    }

    // Not -XX:+AutoCreateSharedArchive: it writes the archive in place at exit (see LaunchFlags).
    @ParameterizedTest
    @ValueSource(strings = {"19", "21.0.5", "24.0.2"})
    void java19To24AlsoReadAnAppCdsArchiveThatOnlySetupWrites(String version) {
        assertEquals(concat(BASE, "-XX:SharedArchiveFile=/opt/sms/twilio-sms-mcp.jsa"),
                LaunchFlags.forJava(version).launch(Optional.of(JSA)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"25.0.4", "25.0.10", "26.0.1", "27", "30.0.1"})
    void fixedJava25AndLaterReadAnAotCache(String version) {
        LaunchFlags flags = LaunchFlags.forJava(version);

        assertTrue(flags.usesAotCache());
        assertEquals("twilio-sms-mcp.aot", flags.archiveFileName());
        assertEquals(concat(BASE, "-XX:AOTCache=/opt/sms/twilio-sms-mcp.aot"), flags.launch(Optional.of(AOT)));
    }

    // JDK-8377932: these run stale classes from an AOT cache after the jar is replaced.
    @ParameterizedTest
    @ValueSource(strings = {"25", "25.0.1", "25.0.3", "26"})
    void javaVersionsThatDoNotCheckTheJarAgainstAnAotCacheGetAppCds(String version) {
        LaunchFlags flags = LaunchFlags.forJava(version);

        assertFalse(flags.usesAotCache());
        assertEquals(concat(BASE, "-XX:SharedArchiveFile=/opt/sms/twilio-sms-mcp.jsa"), flags.launch(Optional.of(JSA)));
    }

    @Test
    void withoutAnArchiveOnlyTheStdoutAndSpeedFlagsRemain() {
        assertEquals(BASE, LaunchFlags.forJava("17").launch(Optional.empty()));
        assertEquals(BASE, LaunchFlags.forJava("25.0.4").launch(Optional.empty()));
    }

    @Test
    void stdoutSafeFlagsComeFirstSoNothingBeforeThemCanLogToStdout() {
        assertEquals(LaunchFlags.STDOUT_SAFE, LaunchFlags.forJava("21").launch(Optional.of(JSA)).subList(0, 2));
        assertEquals(LaunchFlags.STDOUT_SAFE, LaunchFlags.forJava("21").training(JSA).subList(0, 2));
    }

    @Test
    void trainingWritesTheArchiveAtExitWithTheLaunchFlags() {
        assertEquals(concat(BASE, "-XX:ArchiveClassesAtExit=/opt/sms/twilio-sms-mcp.jsa"),
                LaunchFlags.forJava("17").training(JSA));
        assertEquals(concat(BASE, "-XX:ArchiveClassesAtExit=/opt/sms/twilio-sms-mcp.jsa"),
                LaunchFlags.forJava("25.0.3").training(JSA));
        assertEquals(concat(BASE, "-XX:AOTCacheOutput=/opt/sms/twilio-sms-mcp.aot"),
                LaunchFlags.forJava("25.0.4").training(AOT));
    }

    @Test
    void theCheckMakesTheJvmRefuseToStartWithoutTheArchive() {
        assertEquals(concat(BASE, "-Xshare:on", "-XX:SharedArchiveFile=/opt/sms/twilio-sms-mcp.jsa"),
                LaunchFlags.forJava("21").requireArchive(JSA));
        assertEquals(concat(BASE, "-XX:AOTMode=on", "-XX:AOTCache=/opt/sms/twilio-sms-mcp.aot"),
                LaunchFlags.forJava("26.0.1").requireArchive(AOT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"11.0.2", "16"})
    void javaBefore17IsRefused(String version) {
        assertThrows(IllegalArgumentException.class, () -> LaunchFlags.forJava(version));
    }

    @Test
    void pathsTheJvmWouldMisreadAreCaught() {
        assertTrue(LaunchFlags.forJava("17").unusablePath(Path.of("/opt/a:b/x.jsa"), false).isPresent());
        assertFalse(LaunchFlags.forJava("17").unusablePath(Path.of("/opt/a:b/x.jsa"), true).isPresent());
        assertFalse(LaunchFlags.forJava("17").unusablePath(Path.of("/opt/100%/x.jsa"), false).isPresent());
        assertTrue(LaunchFlags.forJava("25.0.4").unusablePath(Path.of("/opt/100%p/x.aot"), false).isPresent());
        assertFalse(LaunchFlags.forJava("25.0.4").unusablePath(AOT, false).isPresent());
    }

    private static List<String> concat(List<String> first, String... more) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }
}
