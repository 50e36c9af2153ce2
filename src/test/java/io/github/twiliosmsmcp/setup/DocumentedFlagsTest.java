package io.github.twiliosmsmcp.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The setup guide (docs/setup.md) and the example configurations recommend exactly the flags LaunchFlags defines. */
class DocumentedFlagsTest {

    @ParameterizedTest
    @ValueSource(strings = {"17", "21", "25.0.3", "25.0.4"})
    void theSetupGuideNamesEveryFlagSetupUses(String version) throws IOException {
        String guide = Files.readString(Path.of("docs", "setup.md"));
        LaunchFlags flags = LaunchFlags.forJava(version);
        List<String> all = new ArrayList<>(flags.launch(Optional.empty()));
        flags.useArchive(Path.of("ARCHIVE")).forEach(flag -> all.add(flag.replace("ARCHIVE", "")));

        for (String flag : all) {
            assertTrue(guide.contains(flag), "docs/setup.md does not mention " + flag + " (Java " + version + ")");
        }
    }

    // Without setup there is no archive, so the examples carry the other recommended flags, all of them.
    @Test
    void theExampleConfigurationsUseTheRecommendedFlags() throws IOException {
        List<String> expected = new ArrayList<>(LaunchFlags.forRunningJava().launch(Optional.empty()));
        expected.add("-jar");

        JsonNode claude = new ObjectMapper().readTree(Path.of("claude_desktop_config.example.json").toFile());
        JsonNode libreChat = new YAMLMapper().readTree(Path.of("librechat.yaml.example").toFile());

        assertEquals(expected, flagsOf(claude.path("mcpServers").path("sms").path("args")));
        assertEquals(expected, flagsOf(libreChat.path("mcpServers").path("sms").path("args")));
    }

    private static List<String> flagsOf(JsonNode args) {
        List<String> values = new ArrayList<>();
        args.forEach(arg -> values.add(arg.asText()));
        return values.subList(0, values.size() - 1);
    }
}
