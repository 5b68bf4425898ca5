package dev.switchboard.contracts.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code global.services.http|extproc.tls}: the listener speaks TLS with this certificate. PEM files, as issued by
 * an ACME client or mounted from a Kubernetes secret; read once at start-up.
 *
 * @param certFile     the server's certificate chain, PEM
 * @param keyFile      its private key, PEM (PKCS#8 or PKCS#1)
 * @param clientCaFile CA certificates that sign the clients' certificates, PEM; with it the listener asks each
 *                     client (the gateway) for a certificate
 * @param clientAuth   {@code none}, {@code request} (verified when offered) or {@code required}; {@code required}
 *                     by default when {@code client_ca_file} is set, else {@code none}
 */
public record TlsConfig(
        @JsonProperty("cert_file") String certFile,
        @JsonProperty("key_file") String keyFile,
        @JsonProperty("client_ca_file") String clientCaFile,
        @JsonProperty("client_auth") String clientAuth) {

    public static final String CLIENT_AUTH_NONE = "none";
    public static final String CLIENT_AUTH_REQUEST = "request";
    public static final String CLIENT_AUTH_REQUIRED = "required";

    public TlsConfig {
        clientAuth = clientAuth != null ? clientAuth : clientCaFile != null ? CLIENT_AUTH_REQUIRED : CLIENT_AUTH_NONE;
    }
}
