package dev.switchboard.contracts.config;

import java.util.ArrayList;
import java.util.List;

/**
 * A decision's {@code header_mutation} plugin: headers of the request sent to the model. {@code add} and
 * {@code update} both set the header (the HTTP proxy sends only its own headers upstream, so there is nothing for an
 * add to append to); {@code delete} removes it (through a gateway, from the client's request).
 *
 * @param add    headers to set
 * @param update headers to set, replacing the client's
 * @param delete names of headers to remove
 */
public record HeaderMutationPlugin(List<Header> add, List<Header> update, List<String> delete) {

    /** Headers a route may not touch: they frame the request or carry its credentials. */
    public static final List<String> PROTECTED = List.of("host", "content-length", "content-type",
            "transfer-encoding", "connection", "authorization", "x-selected-model");

    /** One header. */
    public record Header(String name, String value) {
    }

    public HeaderMutationPlugin {
        add = Lists.immutable(add);
        update = Lists.immutable(update);
        delete = Lists.immutable(delete);
    }

    /** Every header to set, {@code update} after {@code add} so that it wins. */
    public List<Header> set() {
        List<Header> all = new ArrayList<>(add);
        all.addAll(update);
        return List.copyOf(all);
    }
}
