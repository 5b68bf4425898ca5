package dev.switchboard.selection;

import dev.switchboard.contracts.config.ModelCard;
import dev.switchboard.contracts.config.ModelDefinition;
import dev.switchboard.contracts.config.PriceOrigin;
import dev.switchboard.contracts.config.Pricing;
import dev.switchboard.contracts.config.ProvidersConfig;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which of a decision's candidates is the stronger (and dearer) one, from what the config says about them: what a
 * verdict's direction means ("underpowered": a stronger model was needed) and in which order {@code automix}
 * escalates. The first measure every candidate has decides: the price (prompt plus completion per million tokens;
 * a local backend's zero is no price here),
 * else the card's {@code quality_score}, else the card's {@code param_size} ("7B", "~100B", "200B+"). Candidates
 * with equal values are equally strong. When no measure covers every candidate the order is unknown (empty).
 */
public final class ModelStrength {

    private static final Pattern PARAMETERS = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMBT])",
            Pattern.CASE_INSENSITIVE);

    private ModelStrength() {
    }

    /** The strengths of a decision's candidates, from their definitions and cards. */
    public static Map<String, Double> of(List<Candidate> candidates) {
        List<ModelCard> cards = candidates.stream().map(Candidate::card).filter(Objects::nonNull).toList();
        List<ModelDefinition> models = candidates.stream().map(Candidate::definition).toList();
        return of(candidates.stream().map(Candidate::model).toList(), new ProvidersConfig(null, models), cards);
    }

    /** Each candidate's strength on one scale (only comparisons mean anything); empty when unknown. */
    public static Map<String, Double> of(List<String> candidates, ProvidersConfig providers, List<ModelCard> cards) {
        Map<String, ModelCard> byName = new HashMap<>();
        cards.forEach(card -> byName.put(card.name(), card));
        for (Function<String, Double> measure : List.<Function<String, Double>>of(
                model -> providers.model(model).map(ModelDefinition::pricing).map(ModelStrength::price).orElse(null),
                model -> byName.containsKey(model) ? byName.get(model).qualityScore() : null,
                model -> byName.containsKey(model) ? parameters(byName.get(model).paramSize()) : null)) {
            Map<String, Double> values = new LinkedHashMap<>();
            for (String candidate : candidates) {
                Double value = measure.apply(candidate);
                if (value == null) {
                    break;
                }
                values.put(candidate, value);
            }
            if (values.size() == candidates.size() && !candidates.isEmpty()) {
                return Map.copyOf(values);
            }
        }
        return Map.of();
    }

    private static Double price(Pricing pricing) {
        // A local model is free because it runs at home, not because it is weak: its zero says nothing of strength.
        if (pricing.origin() == PriceOrigin.LOCAL
                || pricing.promptPer1m() == null && pricing.completionPer1m() == null) {
            return null;
        }
        return (pricing.promptPer1m() == null ? 0 : pricing.promptPer1m())
                + (pricing.completionPer1m() == null ? 0 : pricing.completionPer1m());
    }

    /** A parameter count such as "7B", "~100B", "200B+" or "1.5T"; null when it has none. */
    static Double parameters(String paramSize) {
        if (paramSize == null) {
            return null;
        }
        Matcher m = PARAMETERS.matcher(paramSize);
        if (!m.find()) {
            return null;
        }
        double scale = switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "K" -> 1e3;
            case "M" -> 1e6;
            case "B" -> 1e9;
            default -> 1e12;
        };
        return Double.parseDouble(m.group(1)) * scale;
    }
}
