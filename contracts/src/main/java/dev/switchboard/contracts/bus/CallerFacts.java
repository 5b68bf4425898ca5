package dev.switchboard.contracts.bus;

import java.util.List;
import java.util.Map;

/**
 * What a request says about its caller, for {@code authz} and {@code metadata} signal rules.
 *
 * @param authzUserId the user a gateway authenticated ({@code x-authz-user-id}); null when none, and always null
 *                    on the HTTP proxy, which cannot tell a gateway's header from a client's
 * @param authzGroups the user's groups ({@code x-authz-user-groups}, comma-separated), on the same terms
 * @param metadata    the body's {@code metadata} object (the Chat Completions API's string pairs; at most
 *                    {@link #MAX_METADATA} of them are kept)
 */
public record CallerFacts(String authzUserId, List<String> authzGroups, Map<String, String> metadata) {

    /** The Chat Completions API allows 16 metadata pairs; more are not read. */
    public static final int MAX_METADATA = 16;
    public static final CallerFacts NONE = new CallerFacts(null, List.of(), Map.of());

    public CallerFacts {
        authzGroups = authzGroups == null ? List.of() : List.copyOf(authzGroups);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** The same facts with a gateway's identity. */
    public CallerFacts withIdentity(String userId, List<String> groups) {
        return new CallerFacts(userId, groups, metadata);
    }
}
