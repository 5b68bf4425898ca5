package dev.switchboard.contracts.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A decision's {@code system_prompt} plugin, as the reference applies it: {@code replace} (default) makes the prompt
 * the request's first system message (replacing one that is there), {@code insert} puts it before the existing first
 * system message's text (a blank line between) or adds it as the first message.
 *
 * @param enabled      false turns it off; on by default
 * @param mode         {@code replace} or {@code insert}
 * @param systemPrompt the prompt
 */
public record SystemPromptPlugin(
        Boolean enabled,
        String mode,
        @JsonProperty("system_prompt") String systemPrompt) {

    public static final String REPLACE = "replace";
    public static final String INSERT = "insert";
    public static final List<String> MODES = List.of(REPLACE, INSERT);

    public SystemPromptPlugin {
        enabled = enabled == null || enabled;
        mode = mode == null ? REPLACE : mode;
    }
}
