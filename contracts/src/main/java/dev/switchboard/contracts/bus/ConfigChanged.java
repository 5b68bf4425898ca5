package dev.switchboard.contracts.bus;

import dev.switchboard.contracts.config.SwitchboardConfig;

/**
 * Body of {@link Addresses#CONFIG_CHANGED}: a new, validated configuration.
 *
 * @param revision short hash of the file's bytes, for logs
 * @param config   the whole configuration; each verticle takes its own slice
 */
public record ConfigChanged(String revision, SwitchboardConfig config) {
}
