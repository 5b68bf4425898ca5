package dev.switchboard.contracts.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One entry of {@code providers.models[]}.
 *
 * @param name            logical name used in routing, headers ({@code x-selected-model}) and model cards
 * @param providerModelId the name the backend knows the model by; the request body's {@code model} is rewritten to
 *                        it. Defaults to {@code name}
 * @param apiFormat       wire format of the backend; only {@code openai} is supported
 * @param pricing         price per million tokens; nullable (no price data)
 * @param backendRefs     where the model is served; at least one
 */
public record ModelDefinition(
        String name,
        @JsonProperty("provider_model_id") String providerModelId,
        @JsonProperty("api_format") String apiFormat,
        Pricing pricing,
        @JsonProperty("backend_refs") List<BackendRef> backendRefs) {

    public static final String API_FORMAT_OPENAI = "openai";

    public ModelDefinition {
        providerModelId = providerModelId == null ? name : providerModelId;
        apiFormat = apiFormat == null ? API_FORMAT_OPENAI : apiFormat;
        backendRefs = Lists.immutable(backendRefs);
    }
}
