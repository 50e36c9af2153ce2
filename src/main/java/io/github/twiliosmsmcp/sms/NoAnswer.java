package io.github.twiliosmsmcp.sms;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertificateException;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;

/**
 * Why no answer came from a provider's HTTP API, in words, and whether a byte of the request can
 * have reached it. Over HTTP/1.1 the request is written only once the connection, and for https its
 * TLS handshake, is complete; java.net.http reports those earlier failures as the first four kinds
 * below (see {@link HandshakeAwareEngine} for the handshake, which needs a client built with
 * {@link HandshakeAwareTls}). Anything later may come after the provider read the request.
 */
public final class NoAnswer {

    private NoAnswer() {}

    public static GatewayException.Unreachable of(IOException e, String host, Duration connectTimeout, Duration answerTimeout) {
        if (e instanceof HttpConnectTimeoutException) {
            return notSent("no connection within " + connectTimeout.toSeconds() + " s", e);
        }
        if (e instanceof UnknownHostException || e instanceof ConnectException
                && e.getCause() instanceof UnresolvedAddressException) {
            return notSent("host name " + host + " could not be resolved", e);
        }
        if (e instanceof ConnectException) {
            return notSent("connection refused by " + host, e);
        }
        if (e instanceof SSLHandshakeException) {
            return notSent("the secure connection to " + host + " could not be set up: "
                    + (certificateRefused(e) ? "its certificate was refused" : "the TLS handshake failed"), e);
        }
        if (e instanceof HttpTimeoutException) {
            return new GatewayException.Unreachable("no answer within " + answerTimeout.toSeconds() + " s", true, e);
        }
        return new GatewayException.Unreachable("the connection broke before an answer arrived", true, e);
    }

    private static GatewayException.Unreachable notSent(String why, IOException e) {
        return new GatewayException.Unreachable(why, false, e);
    }

    private static boolean certificateRefused(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateException) {
                return true;
            }
        }
        return false;
    }
}
