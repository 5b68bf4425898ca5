package dev.switchboard.router.signals;

import java.util.Map;

/**
 * What a zero-shot classifier says about a prompt.
 *
 * @param label      the winning label; null when the classifier abstains (no example was close enough)
 * @param confidence the winner's weight in [0, 1]
 * @param scores     every scored label's score (vote sum or nearest-examples mean)
 */
public record ClassVerdict(String label, double confidence, Map<String, Double> scores) {
}
