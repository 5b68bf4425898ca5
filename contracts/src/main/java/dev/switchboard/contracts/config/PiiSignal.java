package dev.switchboard.contracts.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One entry of {@code routing.signals.pii[]}: the prompt carries personal data of a type the rule does not allow.
 * Types are the reference's names ({@code EMAIL_ADDRESS}, {@code PHONE_NUMBER}, {@code CREDIT_CARD}, {@code US_SSN},
 * {@code IP_ADDRESS}, {@code IBAN_CODE}, ...), found by patterns with checksums where a type has one.
 *
 * @param name            rule name referenced by conditions of type {@code pii}
 * @param description     free text; nullable
 * @param threshold       the reference detector's confidence cut; patterns either find a type or do not, so it is
 *                        accepted and only checked to lie in [0, 1]
 * @param includeHistory  also search earlier user turns
 * @param piiTypesAllowed types that do not make the rule match
 */
public record PiiSignal(
        String name,
        String description,
        Double threshold,
        @JsonProperty("include_history") Boolean includeHistory,
        @JsonProperty("pii_types_allowed") List<String> piiTypesAllowed) {

    public PiiSignal {
        includeHistory = includeHistory != null && includeHistory;
        piiTypesAllowed = Lists.immutable(piiTypesAllowed);
    }
}
