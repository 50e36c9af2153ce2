package io.github.twiliosmsmcp.sms;

import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * A TLS context that hands out {@link HandshakeAwareEngine}s, so that every TLS failure before a
 * request byte was encrypted is reported as an {@code SSLHandshakeException}: proof that nothing
 * was sent. Everything else is the wrapped context's.
 */
public final class HandshakeAwareTls extends SSLContext {

    public HandshakeAwareTls(SSLContext tls) {
        super(new Spi(tls), tls.getProvider(), tls.getProtocol());
    }

    /** The Java runtime's own TLS context, which trusts what the runtime trusts, to wrap. */
    public static SSLContext platformDefault() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime offers no TLS", e);
        }
    }

    private static final class Spi extends SSLContextSpi {
        private final SSLContext tls;

        Spi(SSLContext tls) {
            this.tls = tls;
        }

        @Override
        protected void engineInit(KeyManager[] keys, TrustManager[] trust, SecureRandom random) throws KeyManagementException {
            throw new KeyManagementException("the wrapped TLS context is already initialised");
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return new HandshakeAwareEngine(tls.createSSLEngine());
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return new HandshakeAwareEngine(tls.createSSLEngine(host, port));
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return tls.getSocketFactory();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return tls.getServerSocketFactory();
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return tls.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return tls.getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return tls.getDefaultSSLParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return tls.getSupportedSSLParameters();
        }
    }
}
