package dev.switchboard.contracts.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * {@code global.reload}: hot reload of the config file. The file is polled rather than watched with inotify so that
 * editors that replace the file and Kubernetes ConfigMap symlink swaps are both seen.
 *
 * @param enabled      true by default
 * @param pollInterval how often the file is checked; 2 s by default
 */
public record ReloadConfig(Boolean enabled, @JsonProperty("poll_interval") Duration pollInterval) {

    public ReloadConfig {
        enabled = enabled == null || enabled;
        pollInterval = pollInterval == null ? Duration.ofSeconds(2) : pollInterval;
    }
}
