package dev.switchboard.contracts.config;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a backend runs on the user's own machines, so that its answers cost nothing unless the config prices
 * them: loopback, Docker's {@code host.docker.internal}, a private, link-local, unique-local or CGNAT address (the
 * {@code 100.64.0.0/10} of Tailscale and carrier NAT), a single-label host name (a compose service such as
 * {@code ollama}, a LAN host) or a name under {@code .local}, {@code .lan}, {@code .internal} or
 * {@code .home.arpa}. Decided from the text alone: no name is resolved.
 */
public final class LocalBackends {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final List<String> LOCAL_NAMES = List.of("localhost", "host.docker.internal",
            "gateway.docker.internal");
    private static final List<String> LOCAL_SUFFIXES = List.of(".localhost", ".local", ".lan", ".internal",
            ".home.arpa");

    private LocalBackends() {
    }

    /** The host a backend is reached at, from its {@code endpoint} or {@code base_url}; empty when it names none. */
    public static Optional<String> host(BackendRef backend) {
        try {
            String host = backend.baseUrl() != null ? URI.create(backend.baseUrl()).getHost()
                    : backend.endpoint() == null ? null : URI.create("http://" + backend.endpoint()).getHost();
            return Optional.ofNullable(host).map(h -> h.startsWith("[") ? h.substring(1, h.length() - 1) : h);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether every backend of {@code model} is local (a model with none is not). */
    public static boolean isLocal(ModelDefinition model) {
        return !model.backendRefs().isEmpty() && model.backendRefs().stream().allMatch(LocalBackends::isLocal);
    }

    public static boolean isLocal(BackendRef backend) {
        return host(backend).map(LocalBackends::isLocalHost).orElse(false);
    }

    static boolean isLocalHost(String rawHost) {
        String host = rawHost.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.contains(":")) {
            return isLocalIpv6(host);
        }
        var ipv4 = IPV4.matcher(host);
        if (ipv4.matches()) {
            int a = Integer.parseInt(ipv4.group(1));
            int b = Integer.parseInt(ipv4.group(2));
            return a == 127 || a == 10 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168)
                    || (a == 169 && b == 254) || (a == 100 && b >= 64 && b <= 127);
        }
        String name = host;
        return !name.isEmpty() && (!name.contains(".") || LOCAL_NAMES.contains(name)
                || LOCAL_SUFFIXES.stream().anyMatch(name::endsWith));
    }

    private static boolean isLocalIpv6(String host) {
        String address = host.replaceFirst("%.*$", "");
        if (address.equals("::1")) {
            return true;
        }
        String first = address.split(":", -1)[0];
        if (first.isEmpty()) {
            return false;
        }
        int group;
        try {
            group = Integer.parseInt(first.length() > 4 ? first.substring(0, 4) : first, 16);
        } catch (NumberFormatException e) {
            return false;
        }
        return (group & 0xfe00) == 0xfc00 || (group & 0xffc0) == 0xfe80; // unique local fc00::/7, link local fe80::/10
    }
}
