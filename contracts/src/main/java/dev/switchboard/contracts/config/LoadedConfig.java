package dev.switchboard.contracts.config;

import java.util.List;

/**
 * A validated config with what was ignored in it.
 *
 * @param config   the configuration
 * @param warnings known-but-unsupported reference features that were ignored
 * @param revision short hash of the file's bytes; identifies the config version in logs and events
 */
public record LoadedConfig(SwitchboardConfig config, List<ConfigWarning> warnings, String revision) {

    public LoadedConfig {
        warnings = List.copyOf(warnings);
    }
}
