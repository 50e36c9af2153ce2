package io.github.twiliosmsmcp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.twiliosmsmcp.fake.FakeTwilioApi;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Thousands of generated protocol lines and tool calls, hostile and not, against one server on a
 * fake Twilio. Whatever arrives: the process never dies, every request with a readable id is
 * answered exactly once (at the end too, when stdin closes), stdout carries JSON-RPC alone, no
 * answer names a Java class, and memory stays bounded. It runs once as a 2025 client (a session
 * opened with {@code initialize}) and once as a 2026-07-28 client (no handshake; most requests carry
 * that era's {@code _meta}, now and then a broken one). A failure names its seed; replay it with
 * {@code -Dfuzz.seed=N}, and run longer with {@code -Dfuzz.cases=N}.
 */
class ProtocolFuzzIT {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectWriter ESCAPING = RawSession.JSON.writer()
            .with(JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature());
    private static final int CASES = Integer.getInteger("fuzz.cases", 3000);
    private static final int MAX_OUTSTANDING = 64;
    private static final long MAX_RSS_KIB = 768 * 1024;
    private static final Pattern JAVA_INTERNALS = Pattern.compile("\\b(?:java|javax|jdk|sun)\\.[a-z]+\\."
            + "|com\\.fasterxml|io\\.modelcontextprotocol\\.|com\\.twilio\\.|org\\.(?:slf4j|sqlite|apache)"
            + "|\\b[A-Z]\\w*Exception\\b|Cannot invoke|\\bat [\\w.$]+\\(");
    private static final List<String> TOOLS = List.of("send_sms", "send_mms", "reply_to_sms", "receive_sms",
            "get_conversation", "mark_sms_read", "get_sms_policy");
    private static final List<String> METHODS = List.of("ping", "tools/list", "tools/call", "logging/setLevel",
            "initialize", "resources/list", "prompts/get", "server/discover", "completion/complete", "", "tools/",
            "TOOLS/LIST", "rpc.discover", "$/cancelRequest", "sampling/createMessage");

    private final long seed = Long.getLong("fuzz.seed", System.nanoTime());
    private final Random random = new Random(seed);
    private final Map<String, Integer> owed = new HashMap<>();
    private final AtomicLong maxRssKib = new AtomicLong();
    private int nextId;
    private int parsed;
    private final Map<String, Integer> answered = new HashMap<>();
    private final List<String> sentLog = new ArrayList<>();
    private boolean stateless;

    /** How the client speaks: which protocol era its requests are of. */
    enum Client { SESSION_2025, STATELESS_2026 }

    @ParameterizedTest
    @EnumSource(Client.class)
    void whateverArrivesEveryRequestIsAnsweredOnceAndTheServerKeepsServing(Client client) throws Exception {
        stateless = client == Client.STATELESS_2026;
        try (FakeTwilioApi twilio = TwilioServerIT.startFake();
                RawSession session = RawSession.start(TwilioServerIT.env(twilio, Map.of("SMS_STATUS_WAIT_SECONDS", "1")))) {
            if (!stateless) {
                session.initialized();
            }
            Thread rss = watchMemory(session.pid());
            for (int i = 0; i < CASES; i++) {
                int sent = i;
                Deadline.await(Duration.ofSeconds(60), () -> outstanding(session) <= MAX_OUTSTANDING || !session.alive(),
                        "the server answers what it owes before case " + sent + " (seed " + seed + ")");
                try {
                    oneCase(session, i);
                } catch (IOException e) {
                    check(false, "the server stopped reading (" + e.getMessage() + ") at case " + i, session);
                }
                check(session.alive(), "the server died after case " + i, session);
            }
            session.send(spoken(request("last-ping", "ping", null)).toString());
            owe("\"last-ping\"");
            Deadline.await(Duration.ofSeconds(120), () -> answers(session).containsKey("\"last-ping\""),
                    "the server still answers a ping after " + CASES + " cases (seed " + seed + ")");
            session.closeStdin();
            check(session.awaitExit(Duration.ofSeconds(90)) == 0, "the server exits cleanly when stdin closes", session);
            rss.interrupt();

            answers(session);
            for (Map.Entry<String, Integer> debt : owed.entrySet()) {
                check(answered.getOrDefault(debt.getKey(), 0).equals(debt.getValue()), "request " + debt.getKey()
                        + " sent " + debt.getValue() + " time(s) got " + answered.get(debt.getKey()) + " answer(s)", session);
            }
            for (String line : session.rawStdout()) {
                JsonNode node = RawSession.JSON.readTree(line);
                check("2.0".equals(node.path("jsonrpc").asText()) && (node.has("id") || node.has("method")),
                        "not JSON-RPC: " + line, session);
                check(!JAVA_INTERNALS.matcher(answerText(node)).find(), "an answer names Java internals: " + line, session);
            }
            check(maxRssKib.get() < MAX_RSS_KIB, "RSS reached " + maxRssKib.get() / 1024 + " MiB", session);
            System.err.printf("fuzz: seed %d, %d cases, %d requests owed answers, max RSS %d MiB%n", seed, CASES,
                    owed.size(), maxRssKib.get() / 1024);
        }
    }

    private void oneCase(RawSession session, int index) throws IOException {
        int kind = random.nextInt(100);
        if (kind < 40) {
            sendOwed(session, request(id(), "tools/call", toolParams()));
        } else if (kind < 50) {
            String method = List.of("ping", "tools/list", "logging/setLevel").get(random.nextInt(3));
            sendOwed(session, request(id(), method, random.nextBoolean() ? null : hostileObject(2)));
        } else if (kind < 62) {
            sendOwed(session, brokenEnvelope(id()));
        } else if (kind < 70) {
            session.send(line(spoken(request(unreadableId(), METHODS.get(random.nextInt(METHODS.size())), hostileObject(2)))));
        } else if (kind < 78) {
            ObjectNode note = request(null, random.nextBoolean() ? "notifications/cancelled" : "notifications/" + word(),
                    hostileObject(2));
            note.remove("id");
            session.send(line(note));
        } else if (kind < 98) {
            session.send(malformed());
        } else {
            // Lines past the 4 MiB limit, now and then: refused whole, and the server still serves.
            session.send(request(id(), "ping", NODES.objectNode().put("x", "x".repeat(5 * 1024 * 1024))).toString());
        }
        sentLog.add(index + ": kind " + kind);
    }

    private void sendOwed(RawSession session, ObjectNode request) throws IOException {
        owe(request.get("id").toString());
        session.send(line(spoken(request)));
    }

    /**
     * The request as a 2026-07-28 client sends it, when that is the client of this run: nine times in
     * ten with that era's {@code _meta} in its params (now and then a broken one), else as it is.
     */
    private ObjectNode spoken(ObjectNode request) {
        JsonNode params = request.get("params");
        if (!stateless || random.nextInt(10) == 0 || (params != null && !params.isObject())) {
            return request;
        }
        ObjectNode object = params == null ? request.putObject("params") : (ObjectNode) params;
        JsonNode meta = object.get("_meta");
        ObjectNode era = meta != null && meta.isObject() ? (ObjectNode) meta : object.putObject("_meta");
        era.put("io.modelcontextprotocol/protocolVersion", "2026-07-28");
        era.putObject("io.modelcontextprotocol/clientCapabilities");
        era.putObject("io.modelcontextprotocol/clientInfo").put("name", "fuzz").put("version", "1");
        if (random.nextInt(8) == 0) {
            List<String> keys = List.of("io.modelcontextprotocol/protocolVersion",
                    "io.modelcontextprotocol/clientCapabilities", "io.modelcontextprotocol/clientInfo");
            String key = keys.get(random.nextInt(keys.size()));
            if (random.nextBoolean()) {
                era.remove(key);
            } else {
                era.set(key, hostileValue(1));
            }
        }
        return request;
    }

    /**
     * The request as UTF-8, or half the time with every non-ASCII character escaped, which is the
     * only way a lone surrogate can reach the server intact.
     */
    private byte[] line(ObjectNode request) throws IOException {
        return random.nextBoolean() ? request.toString().getBytes(StandardCharsets.UTF_8)
                : ESCAPING.writeValueAsBytes(request);
    }

    private void owe(String id) {
        owed.merge(id, 1, Integer::sum);
    }

    private JsonNode id() {
        int id = nextId++;
        return random.nextBoolean() ? NODES.numberNode(id) : NODES.textNode("f-" + id);
    }

    private JsonNode unreadableId() {
        return switch (random.nextInt(6)) {
            case 0 -> NODES.numberNode(random.nextInt(1000) + 0.5);
            case 1 -> NODES.numberNode(BigInteger.TWO.pow(64 + random.nextInt(40)));
            case 2 -> NODES.booleanNode(random.nextBoolean());
            case 3 -> NODES.nullNode();
            case 4 -> NODES.objectNode().put("id", 1);
            default -> NODES.arrayNode().add(1);
        };
    }

    private static ObjectNode request(Object id, String method, JsonNode params) {
        ObjectNode request = NODES.objectNode().put("jsonrpc", "2.0");
        if (id instanceof JsonNode node) {
            request.set("id", node);
        } else if (id != null) {
            request.put("id", id.toString());
        }
        request.put("method", method);
        if (params != null) {
            request.set("params", params);
        }
        return request;
    }

    /** A request whose id is readable but whose envelope or params are wrong in one way. */
    private ObjectNode brokenEnvelope(JsonNode id) {
        ObjectNode request = request(id, "tools/call", toolParams());
        switch (random.nextInt(9)) {
            case 0 -> request.put("jsonrpc", random.nextBoolean() ? "1.0" : "");
            case 1 -> request.remove("jsonrpc");
            case 2 -> request.set("method", hostileValue(1));
            case 3 -> request.remove("method");
            case 4 -> request.set("params", random.nextBoolean() ? NODES.textNode("nonsense") : NODES.arrayNode().add(1));
            case 5 -> request.remove("params");
            case 6 -> ((ObjectNode) request.get("params")).set("name", hostileValue(1));
            case 7 -> ((ObjectNode) request.get("params")).set("arguments", hostileValue(1));
            default -> request.put("method", METHODS.get(random.nextInt(METHODS.size())) + word());
        }
        return request;
    }

    private ObjectNode toolParams() {
        String tool = random.nextInt(10) == 0 ? word() : TOOLS.get(random.nextInt(TOOLS.size()));
        ObjectNode params = NODES.objectNode().put("name", tool);
        params.set("arguments", arguments(tool));
        if (random.nextInt(5) == 0) {
            params.putObject("_meta").put("progressToken", "p" + random.nextInt(1000));
        }
        return params;
    }

    /** Plausible arguments for the tool, then broken: a value made hostile, a key dropped or added. */
    private ObjectNode arguments(String tool) {
        ObjectNode arguments = NODES.objectNode();
        switch (tool) {
            case "send_sms" -> arguments.put("to", phone()).put("message", text());
            case "send_mms" -> {
                arguments.put("to", phone()).put("message", text());
                ArrayNode urls = arguments.putArray("media_urls");
                for (int i = random.nextInt(12); i >= 0; i--) {
                    urls.add(url());
                }
            }
            case "reply_to_sms" -> arguments.put("message_id", "SM" + hex(32)).put("message", text());
            case "receive_sms" -> arguments.put("from", phone()).put("since", since()).put("limit", random.nextInt(60) - 5)
                    .put("unread_only", random.nextBoolean()).put("wait_seconds", random.nextInt(3));
            case "get_conversation" -> arguments.put("with", phone()).put("limit", random.nextInt(300) - 50);
            case "mark_sms_read" -> arguments.putArray("message_ids").add("SM" + hex(32)).add(text());
            default -> { }
        }
        for (int mutations = random.nextInt(4); mutations > 0; mutations--) {
            List<String> keys = new ArrayList<>();
            arguments.fieldNames().forEachRemaining(keys::add);
            int how = random.nextInt(3);
            if (how == 0 && !keys.isEmpty()) {
                arguments.remove(keys.get(random.nextInt(keys.size())));
            } else if (how == 1 && !keys.isEmpty()) {
                arguments.set(keys.get(random.nextInt(keys.size())), hostileValue(2));
            } else {
                arguments.set(random.nextBoolean() ? word() : "idempotency_key", hostileValue(1));
            }
        }
        return arguments;
    }

    private String phone() {
        return switch (random.nextInt(10)) {
            case 0 -> "+1500555000" + random.nextInt(10);
            case 1 -> "(415) 555-" + (1000 + random.nextInt(9000));
            case 2 -> "+" + "9".repeat(random.nextInt(40));
            case 3 -> "+44 7700 900" + (100 + random.nextInt(900));
            case 4 -> text();
            default -> "+1415555" + (2000 + random.nextInt(8000));
        };
    }

    private String url() {
        List<String> urls = List.of("https://example.com/a.png", "http://127.0.0.1/x.png", "http://[::1]/",
                "http://0x7f000001/", "file:///etc/passwd", "javascript:alert(1)", "http://user:pw@example.com/",
                "https://example.com:99999/", "ftp://example.com/a.png", "http://169.254.169.254/latest/meta-data/",
                "https://exa mple.com/", "http://localhost./", "https://" + "a".repeat(3000) + ".com/x.png");
        return urls.get(random.nextInt(urls.size()));
    }

    private String since() {
        List<String> since = List.of("2026-01-01", "-999999999-01-01", "P9999999999D", "PT1H", "yesterday",
                "0000-01-01", "2999-12-31T00:00:00Z", "2026-02-30", "");
        return since.get(random.nextInt(since.size()));
    }

    private String text() {
        return switch (random.nextInt(12)) {
            case 0 -> "";
            case 1 -> "x".repeat(random.nextInt(200_000));
            case 2 -> "a\u0000b\u0007c\u001b[31m";
            case 3 -> "hi \ud800 there";
            case 4 -> "\udc00";
            case 5 -> "emoji 😀 and \u202e reversed \u200b";
            case 6 -> "'; DROP TABLE sends;-- %s%n{0}";
            case 7 -> "${TWILIO_AUTH_TOKEN}";
            case 8 -> "STOP";
            case 9 -> "€".repeat(random.nextInt(400));
            case 10 -> randomUnicode(random.nextInt(300));
            default -> "Your code is " + random.nextInt(1_000_000);
        };
    }

    private String randomUnicode(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append((char) random.nextInt(0x10000));
        }
        return text.toString();
    }

    private JsonNode hostileValue(int depth) {
        return switch (random.nextInt(depth > 0 ? 12 : 10)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(List.of(0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 46L).get(random.nextInt(5)));
            case 3 -> NODES.numberNode(BigInteger.TWO.pow(70));
            case 4 -> NODES.numberNode(List.of(1.5, 1e308, -0.0, 4.9e-324).get(random.nextInt(4)));
            case 5 -> NODES.textNode(phone());
            case 6 -> NODES.textNode(url());
            case 7 -> NODES.textNode(since());
            case 8, 9 -> NODES.textNode(text());
            case 10 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(15); i > 0; i--) {
                    array.add(hostileValue(depth - 1));
                }
                yield array;
            }
            default -> hostileObject(depth - 1);
        };
    }

    private ObjectNode hostileObject(int depth) {
        ObjectNode object = NODES.objectNode();
        for (int i = random.nextInt(4); i > 0; i--) {
            object.set(random.nextBoolean() ? word() : List.of("cursor", "level", "name", "arguments", "_meta",
                    "protocolVersion", "requestId").get(random.nextInt(7)), hostileValue(depth));
        }
        return object;
    }

    private byte[] malformed() {
        // Not among the ids owed an answer: some of these lines are still readable (a byte order mark).
        String valid = request("malformed", "ping", null).toString();
        return switch (random.nextInt(11)) {
            case 0 -> valid.substring(0, random.nextInt(valid.length())).getBytes(StandardCharsets.UTF_8);
            case 1 -> (valid + " trailing").getBytes(StandardCharsets.UTF_8);
            case 2 -> ("[" + valid + "," + valid + "]").getBytes(StandardCharsets.UTF_8);
            case 3 -> ("[".repeat(2000 + random.nextInt(5000)) + "]".repeat(10)).getBytes(StandardCharsets.UTF_8);
            case 4 -> valid.replace("\"ping\"", "\"pi\u0000ng\"").getBytes(StandardCharsets.UTF_8);
            case 5 -> valid.replace("\"ping\"", "\"pi\u0001\u001fng\"").getBytes(StandardCharsets.UTF_8);
            case 6 -> randomBytes();
            case 7 -> ("\ufeff" + valid).getBytes(StandardCharsets.UTF_8);
            case 8 -> " \t\r".getBytes(StandardCharsets.UTF_8);
            case 9 -> ("{\"a\":".repeat(1500) + "1" + "}".repeat(1500)).getBytes(StandardCharsets.UTF_8);
            default -> String.valueOf(random.nextInt()).getBytes(StandardCharsets.UTF_8);
        };
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[1 + random.nextInt(200)];
        random.nextBytes(bytes);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                bytes[i] = ' ';
            }
        }
        return bytes;
    }

    private String word() {
        return "w" + Long.toString(random.nextLong() & 0xffffffL, 36);
    }

    private String hex(int length) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < length; i++) {
            hex.append(Character.forDigit(random.nextInt(16), 16));
        }
        return hex.toString();
    }

    /** Answers so far by id (as JSON text), read from the lines not seen yet. */
    private Map<String, Integer> answers(RawSession session) {
        List<String> lines = session.rawStdout();
        for (; parsed < lines.size(); parsed++) {
            JsonNode node;
            try {
                node = RawSession.JSON.readTree(lines.get(parsed));
            } catch (IOException e) {
                throw new AssertionError("seed " + seed + ": stdout carried a line that is not JSON: " + lines.get(parsed));
            }
            if (!node.has("method") && node.has("id") && !node.get("id").isNull()) {
                answered.merge(node.get("id").toString(), 1, Integer::sum);
            }
        }
        return answered;
    }

    private int outstanding(RawSession session) {
        Map<String, Integer> answers = answers(session);
        int owedNow = 0;
        for (Map.Entry<String, Integer> debt : owed.entrySet()) {
            owedNow += Math.max(0, debt.getValue() - answers.getOrDefault(debt.getKey(), 0));
        }
        return owedNow;
    }

    private static String answerText(JsonNode node) {
        StringBuilder text = new StringBuilder(node.path("error").toString());
        node.path("result").path("content").forEach(part -> text.append(part.path("text").asText()));
        return text.toString();
    }

    private Thread watchMemory(long pid) {
        Path status = Path.of("/proc", String.valueOf(pid), "status");
        Thread watcher = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    for (String line : Files.readAllLines(status)) {
                        if (line.startsWith("VmRSS:")) {
                            long kib = Long.parseLong(line.replaceAll("\\D", ""));
                            maxRssKib.accumulateAndGet(kib, Math::max);
                        }
                    }
                    Thread.sleep(100);
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        }, "rss-watch");
        watcher.setDaemon(true);
        watcher.start();
        return watcher;
    }

    private void check(boolean holds, String what, RawSession session) {
        if (!holds) {
            String recent = String.join("\n", sentLog.subList(Math.max(0, sentLog.size() - 5), sentLog.size()));
            throw new AssertionError("seed " + seed + " (replay with -Dfuzz.seed=" + seed + "): " + what
                    + "\nlast cases:\n" + recent + "\nserver log tail:\n" + tail(session.stderr()));
        }
    }

    private static String tail(String log) {
        return log.length() > 3000 ? log.substring(log.length() - 3000) : log;
    }
}
