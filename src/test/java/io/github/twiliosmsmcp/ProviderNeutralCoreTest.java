package io.github.twiliosmsmcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The core works with any messaging provider: only {@code twilio/} (and the layers that name its
 * settings or simulate it: {@code config/}, {@code sandbox/}, {@code setup/}) may use Twilio's SDK
 * or decide anything by Twilio's error codes. A second provider then needs a gateway, not edits
 * across the core.
 */
class ProviderNeutralCoreTest {
    private static final Path SOURCES = Path.of("src/main/java/io/github/twiliosmsmcp");
    private static final List<String> CORE = List.of("common", "delivery", "inbox", "mcp", "phone", "policy", "sms", "store");
    private static final Pattern TWILIO_SDK = Pattern.compile("\\bcom\\.twilio\\b");
    /** Twilio's API (20xxx), send (21xxx) and delivery (30xxx) error codes. */
    private static final Pattern TWILIO_CODE = Pattern.compile("(?<![\\w.-])(20|21|30)\\d{3}(?![\\w.])");

    @Test
    void onlyTheTwilioLayersUseTwilioSdkOrErrorCodes() throws IOException {
        List<String> leaks = new ArrayList<>();
        for (String pkg : CORE) {
            Path folder = SOURCES.resolve(pkg);
            assertTrue(Files.isDirectory(folder), () -> "no package " + folder.toAbsolutePath());
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                    leaks.addAll(leaks(SOURCES.relativize(file).toString(), Files.readString(file)));
                }
            }
        }

        assertEquals(List.of(), leaks);
    }

    @Test
    void aLeakIsFound() {
        String source = """
                import com.twilio.exception.ApiException;
                class X {
                    static final int OPTED_OUT = 21610;
                    boolean throttled(int code) { return code == 20429 || code == 30007; }
                    int timeout = 20000 - 1; int port = 21610_0; double d = 1.30007; int rpc = -32603;
                }""";

        assertEquals(List.of("X.java:1 com.twilio", "X.java:3 21610", "X.java:4 20429", "X.java:4 30007",
                "X.java:5 20000"), leaks("X.java", source));
    }

    private static List<String> leaks(String file, String source) {
        List<String> found = new ArrayList<>();
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            for (Pattern p : List.of(TWILIO_SDK, TWILIO_CODE)) {
                Matcher m = p.matcher(lines[i]);
                while (m.find()) {
                    found.add(file + ":" + (i + 1) + " " + m.group());
                }
            }
        }
        return found;
    }
}
