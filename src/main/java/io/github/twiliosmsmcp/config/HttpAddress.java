package io.github.twiliosmsmcp.config;

/** Where the service listens: a host name or IP address (IPv6 without brackets) and a port. */
public record HttpAddress(String host, int port) {

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
