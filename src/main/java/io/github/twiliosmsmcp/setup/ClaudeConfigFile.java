package io.github.twiliosmsmcp.setup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.twiliosmsmcp.config.Environment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Claude Desktop's {@code claude_desktop_config.json}: where it is on each OS, and adding one server
 * to it. The file is the user's, with other servers and Claude's own settings in it, so everything
 * but our one entry is written back as it was read, the old file is copied aside first, and a file
 * that is not valid JSON is never touched.
 */
final class ClaudeConfigFile {
    static final String FILE_NAME = "claude_desktop_config.json";
    private static final DateTimeFormatter BACKUP_STAMP = DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss", Locale.ROOT);
    private static final ObjectMapper JSON = JsonMapper.builder()
            // Read exactly what is there: no number rounded, no duplicate key silently dropped, nothing after the end.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final Pattern JACKSON_POSITION = Pattern.compile("\\[Source: [^\\]]*?line: (\\d+), column: (\\d+)]");

    /** What writing did. {@code keptEntry} is true when an existing entry's env and other fields were kept. */
    record Written(Path file, Optional<Path> backup, boolean keptEntry) {}

    /** The result of merging, before anything is written. */
    record Merged(ObjectNode root, boolean keptEntry) {}

    private ClaudeConfigFile() {}

    /** Where Claude Desktop reads its configuration on this system. */
    static Path defaultLocation(Environment env) {
        return defaultLocation(env, System.getProperty("os.name", ""), env.home());
    }

    /** Where Claude Desktop reads its configuration on {@code osName}. */
    static Path defaultLocation(Environment env, String osName, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        Path folder;
        if (os.startsWith("windows")) {
            folder = env.get("APPDATA").map(Path::of).orElse(home.resolve("AppData").resolve("Roaming"));
        } else if (os.startsWith("mac") || os.contains("darwin")) {
            folder = home.resolve("Library").resolve("Application Support");
        } else {
            // Claude Desktop builds for Linux are Electron apps: their folder follows XDG_CONFIG_HOME.
            folder = env.get("XDG_CONFIG_HOME").map(Path::of).filter(Path::isAbsolute).orElse(home.resolve(".config"));
        }
        return folder.resolve("Claude").resolve(FILE_NAME);
    }

    /** Parses a configuration; an empty file counts as an empty configuration. */
    static ObjectNode parse(String text, Path file) throws SetupFailure {
        if (text.isBlank()) {
            return JSON.createObjectNode();
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SetupFailure(file + " is not valid JSON, so it was left as it is: "
                    + reason(e) + locationOf(e) + ". Fix it (or move it away) and run setup again.");
        }
        if (!root.isObject()) {
            throw new SetupFailure(file + " does not hold a JSON object, so it was left as it is.");
        }
        return (ObjectNode) root;
    }

    /**
     * Puts {@code entry} under {@code mcpServers.<name>}. An existing entry keeps its {@code env} (the
     * user's real settings, or none for the sandbox) and any other field; only how the server is
     * launched, {@code command} and {@code args}, is replaced.
     */
    static Merged merge(ObjectNode root, String name, ObjectNode entry, Path file) throws SetupFailure {
        JsonNode servers = root.get("mcpServers");
        if (servers == null || servers.isNull()) {
            servers = root.putObject("mcpServers");
        } else if (!servers.isObject()) {
            throw new SetupFailure("\"mcpServers\" in " + file + " is not a JSON object, so the file was left as it is.");
        }
        JsonNode existing = servers.get(name);
        if (existing == null || existing.isNull()) {
            ((ObjectNode) servers).set(name, entry);
            return new Merged(root, false);
        }
        if (!existing.isObject()) {
            throw new SetupFailure("\"mcpServers\"." + name + " in " + file
                    + " is not a JSON object, so the file was left as it is. Use --name to add the server under another name.");
        }
        ObjectNode kept = (ObjectNode) existing;
        kept.set("command", entry.get("command"));
        kept.set("args", entry.get("args"));
        return new Merged(root, true);
    }

    /** Fails now, before anything slow is done, if {@code write} would refuse {@code file}. */
    static void checkWritable(Path file, String name) throws SetupFailure {
        try {
            if (Files.exists(file)) {
                merge(parse(Files.readString(file, StandardCharsets.UTF_8), file), name, JSON.createObjectNode(), file);
            }
        } catch (IOException e) {
            throw new SetupFailure("could not read " + file + ": " + e, e);
        }
    }

    /** Merges the entry into {@code file}, creating it (and its folders) if missing, backing it up if not. */
    static Written write(Path file, String name, ObjectNode entry, LocalDateTime now) throws SetupFailure {
        try {
            // Many people keep dotfiles as links: write through the link, do not replace it with a file.
            Path target = Files.isSymbolicLink(file) ? file.toRealPath() : file;
            boolean exists = Files.exists(target);
            ObjectNode root = exists ? parse(Files.readString(target, StandardCharsets.UTF_8), file) : JSON.createObjectNode();
            Merged merged = merge(root, name, entry, file);
            Files.createDirectories(target.toAbsolutePath().getParent());
            Optional<Path> backup = exists ? Optional.of(backUp(target, now)) : Optional.empty();
            replaceAtomically(target, ClientConfig.prettyJson(merged.root()) + System.lineSeparator());
            return new Written(file, backup, merged.keptEntry());
        } catch (IOException e) {
            throw new SetupFailure("could not write " + file + ": " + e, e);
        }
    }

    private static Path backUp(Path file, LocalDateTime now) throws IOException {
        String base = file.getFileName() + ".bak-" + BACKUP_STAMP.format(now);
        for (int attempt = 0; ; attempt++) {
            Path backup = file.resolveSibling(attempt == 0 ? base : base + "-" + attempt);
            try {
                return Files.copy(file, backup, StandardCopyOption.COPY_ATTRIBUTES);
            } catch (FileAlreadyExistsException e) {
                // Two runs within one second: keep both backups.
            }
        }
    }

    /**
     * Claude Desktop may read the file at any moment, so it sees the old file or the new one, never
     * half of one. The file holds the user's auth token: the new one keeps the old one's permissions.
     */
    private static void replaceAtomically(Path file, String content) throws IOException {
        Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), "." + FILE_NAME, ".tmp");
        try {
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            if (Files.exists(file) && Files.getFileAttributeView(file, PosixFileAttributeView.class) != null) {
                Files.setPosixFilePermissions(temporary, Files.getPosixFilePermissions(file));
            }
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Jackson's reason in words for the person who edits the file: its position markers become
     * "line L, column C", and the Java names and parser features it mentions are left out.
     */
    private static String reason(JsonProcessingException e) {
        String reason = JACKSON_POSITION.matcher(e.getOriginalMessage()).replaceAll("line $1, column $2");
        if (reason.startsWith("Trailing token")) {
            return "there is more after the end of the JSON value";
        }
        if (reason.contains("ALLOW_COMMENTS")) {
            return "JSON does not allow comments";
        }
        int javaName = reason.indexOf('`');
        if (javaName < 0) {
            return reason;
        }
        String before = reason.substring(0, javaName);
        int end = Math.max(before.lastIndexOf(':'), before.lastIndexOf('('));
        return end > 0 ? before.substring(0, end).strip() : "this is not valid JSON";
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
