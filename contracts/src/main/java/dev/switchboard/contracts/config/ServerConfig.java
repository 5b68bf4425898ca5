package dev.switchboard.contracts.config;

/**
 * A listening address.
 *
 * @param bind address to bind; {@code 127.0.0.1} by default, so nothing is exposed unless configured
 * @param port TCP port; 0 picks a free port (tests)
 */
public record ServerConfig(String bind, Integer port) {

    public static final String DEFAULT_BIND = "127.0.0.1";

    public ServerConfig {
        bind = bind == null ? DEFAULT_BIND : bind;
    }

    ServerConfig withDefaultPort(int defaultPort) {
        return port == null ? new ServerConfig(bind, defaultPort) : this;
    }
}
