package io.github.twiliosmsmcp.setup;

import io.github.twiliosmsmcp.config.Environment;
import io.github.twiliosmsmcp.config.HttpAddress;
import io.github.twiliosmsmcp.config.SettingsCatalogue;
import io.github.twiliosmsmcp.service.Service;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code setup --http}: how to run {@code serve} for MCP over HTTP and the LibreChat entry that
 * reaches it, from the same settings {@code serve} reads ({@code SMS_HTTP_ADDRESS},
 * {@code SMS_HTTP_TOKEN}). It never prints the token: it says where the token comes from.
 */
final class HttpSetup {
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_./:=+@%-]+");

    private HttpSetup() {}

    static void print(Environment env, String name, String java, Path jar, PrintStream out) throws SetupFailure {
        List<String> problems = new ArrayList<>();
        Optional<HttpAddress> address = SettingsCatalogue.HTTP_ADDRESS.read(env, null, problems);
        boolean tokenSet = SettingsCatalogue.HTTP_TOKEN.read(env, null, problems).isPresent();
        if (!problems.isEmpty()) {
            throw new SetupFailure(String.join("; ", problems) + ". Fix it here and where serve runs.");
        }
        HttpAddress listen = address.orElseGet(SettingsCatalogue.HTTP_ADDRESS::defaultValue);
        String url = mcpUrl(listen);

        out.println();
        out.println("MCP over HTTP is served by the always-on service. Start it where it keeps running (a systemd unit"
                + " is in docs/service.md), with your Twilio settings in its environment, or none for the sandbox:");
        out.println();
        out.println("  " + (address.isPresent() ? SettingsCatalogue.HTTP_ADDRESS.name() + "=" + listen + " " : "")
                + shellWord(java) + " -jar " + shellWord(jar.toString()) + " serve");
        out.println();
        out.println("It listens on " + listen + " (" + SettingsCatalogue.HTTP_ADDRESS.name() + ")"
                + " and serves MCP at " + url + " to clients that send the header \"Authorization: Bearer <token>\".");
        if (tokenSet) {
            out.println("The token: " + SettingsCatalogue.HTTP_TOKEN.name() + " is set here. Start serve with the same"
                    + " value and give the clients that value; setup does not print it.");
        } else {
            out.println("The token: " + SettingsCatalogue.HTTP_TOKEN.name() + " is not set, so serve generates one on"
                    + " its first start and prints it once to its log (only a digest is kept): copy it then. Or set "
                    + SettingsCatalogue.HTTP_TOKEN.name() + " (16 characters or more) for serve yourself.");
        }
        out.println();
        out.println("LibreChat: add this under mcpServers: in librechat.yaml and put the token in LibreChat's .env as "
                + ClientConfig.LIBRECHAT_TOKEN + "=<token>:");
        out.println();
        out.print(ClientConfig.libreChatHttpYaml(name, url));
        out.println();
        out.println("LibreChat in Docker: inside its container, 127.0.0.1 is the container itself. Run serve where the"
                + " container reaches it (" + SettingsCatalogue.HTTP_ADDRESS.name() + "=172.17.0.1:" + listen.port()
                + " on Docker's default bridge), set url to http://host.docker.internal:" + listen.port() + Service.MCP
                + ", and on Linux give LibreChat's api service extra_hosts: [\"host.docker.internal:host-gateway\"]"
                + " (docs/http.md, \"LibreChat in Docker\").");
    }

    /** The URL a client on this machine uses: a wildcard address is no address to connect to, so loopback. */
    static String mcpUrl(HttpAddress listen) {
        String host = switch (listen.host()) {
            case "0.0.0.0" -> "127.0.0.1";
            case "::", "0:0:0:0:0:0:0:0" -> "::1";
            default -> listen.host();
        };
        return "http://" + new HttpAddress(host, listen.port()) + Service.MCP;
    }

    /** A word a POSIX shell reads as one: quoted when it holds a space or another special character. */
    static String shellWord(String word) {
        return PLAIN_WORD.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
