package dev.switchboard.feedback.events;

/**
 * What a response cost, in the model's pricing currency; every figure null when unknown (no price, no token counts).
 *
 * @param costUsd      the response's tokens at its model's prices
 * @param costliestUsd the same tokens at the prices of the decision's most expensive priced candidate: what sending
 *                     everything to that model would have cost, the baseline a routing saving is measured against
 * @param savedCostUsd on a cache hit, the stored answer's tokens at the model's prices (not spent again)
 */
public record OutcomeCost(Double costUsd, Double costliestUsd, Double savedCostUsd) {

    public static final OutcomeCost UNKNOWN = new OutcomeCost(null, null, null);
}
