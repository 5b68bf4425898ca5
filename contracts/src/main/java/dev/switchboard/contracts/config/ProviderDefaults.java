package dev.switchboard.contracts.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code providers.defaults}.
 *
 * @param defaultModel logical name of the model used when no decision matches or routing fails; nullable, but a
 *                     config without one cannot fall back and is rejected by the validator when decisions exist
 */
public record ProviderDefaults(@JsonProperty("default_model") String defaultModel) {
}
