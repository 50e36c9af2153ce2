package io.github.twiliosmsmcp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatabaseLocationTest {

    private static final Path HOME = Path.of("/home/ada");

    private static DatabaseLocation resolve(String os, Map<String, String> variables) {
        return DatabaseLocation.resolve(new Environment(variables), os, HOME);
    }

    private static void assertFile(Path expected, DatabaseLocation location) {
        assertEquals(Optional.of(expected), location.file());
        assertEquals("jdbc:sqlite:" + expected, location.jdbcUrl());
        assertEquals(expected.toString(), location.describe());
    }

    // Set HOME to a test folder and the database must follow it, as every Unix tool's files do.
    @Test
    void homeFromTheEnvironmentWinsOverJavasUserHome() {
        Path home = Path.of("/tmp/elsewhere-home").toAbsolutePath();

        DatabaseLocation location = DatabaseLocation.resolve(new Environment(Map.of("HOME", home.toString())));

        assertTrue(location.file().orElseThrow().startsWith(home), location.describe());
    }

    @Test
    void settingWithTildeFollowsHomeFromTheEnvironment() {
        Path home = Path.of("/tmp/elsewhere-home").toAbsolutePath();

        DatabaseLocation location = DatabaseLocation.resolve(new Environment(Map.of("HOME", home.toString(),
                "SMS_DATABASE", "~/sms/messages.db")));

        assertEquals(Optional.of(home.resolve("sms").resolve("messages.db")), location.file());
    }

    @Test
    void linuxUsesXdgDataHome() {
        DatabaseLocation location = resolve("Linux", Map.of("XDG_DATA_HOME", "/data/ada"));

        assertFile(Path.of("/data/ada/twilio-sms-mcp/messages.db"), location);
    }

    @Test
    void linuxWithoutXdgDataHomeUsesLocalShare() {
        DatabaseLocation location = resolve("Linux", Map.of());

        assertFile(Path.of("/home/ada/.local/share/twilio-sms-mcp/messages.db"), location);
    }

    // The XDG spec tells programs to ignore a relative XDG_DATA_HOME.
    @Test
    void relativeXdgDataHomeIsIgnored() {
        DatabaseLocation location = resolve("FreeBSD", Map.of("XDG_DATA_HOME", "data"));

        assertFile(Path.of("/home/ada/.local/share/twilio-sms-mcp/messages.db"), location);
    }

    @Test
    void macOsUsesApplicationSupport() {
        DatabaseLocation location = resolve("Mac OS X", Map.of("XDG_DATA_HOME", "/data/ada"));

        assertFile(Path.of("/home/ada/Library/Application Support/twilio-sms-mcp/messages.db"), location);
    }

    @Test
    void windowsUsesLocalAppData() {
        DatabaseLocation location = resolve("Windows 11", Map.of("LOCALAPPDATA", "/appdata/local"));

        assertFile(Path.of("/appdata/local", "twilio-sms-mcp", "messages.db"), location);
    }

    @Test
    void windowsWithoutLocalAppDataUsesTheHomeFolder() {
        DatabaseLocation location = resolve("Windows 10", Map.of("LOCALAPPDATA", ""));

        assertFile(HOME.resolve("AppData").resolve("Local").resolve("twilio-sms-mcp").resolve("messages.db"),
                location);
    }

    @Test
    void settingWithTildeIsUnderTheHomeFolder() {
        DatabaseLocation location = resolve("Linux", Map.of("SMS_DATABASE", "~/sms/my.db"));

        assertFile(Path.of("/home/ada/sms/my.db"), location);
    }

    @Test
    void relativeSettingIsMadeAbsolute() {
        DatabaseLocation location = resolve("Linux", Map.of("SMS_DATABASE", "sms.db"));

        assertTrue(location.file().orElseThrow().isAbsolute());
        assertEquals(Path.of("sms.db").toAbsolutePath(), location.file().orElseThrow());
    }

    @Test
    void jdbcUrlSettingIsUsedAsItIs() {
        String url = "jdbc:sqlite:/srv/sms/messages.db?journal_mode=WAL";

        DatabaseLocation location = resolve("Linux", Map.of("SMS_DATABASE", url));

        assertEquals(url, location.jdbcUrl());
        assertEquals(Optional.empty(), location.file());
        assertEquals(url, location.describe());
    }

    @Test
    void unexpandedPlaceholderCountsAsUnset() {
        DatabaseLocation location = resolve("Linux", Map.of("SMS_DATABASE", "${SMS_DATABASE}"));

        assertFile(Path.of("/home/ada/.local/share/twilio-sms-mcp/messages.db"), location);
    }

    @Test
    void memoryIsPrivateAndHasNoFile() {
        DatabaseLocation location = DatabaseLocation.memory();

        assertEquals("jdbc:sqlite::memory:", location.jdbcUrl());
        assertEquals(Optional.empty(), location.file());
        assertEquals("in memory", location.describe());
    }
}
