package dev.switchboard.router.signals;

import dev.switchboard.contracts.bus.ConversationShape;
import dev.switchboard.contracts.config.FeatureSignal;
import dev.switchboard.contracts.config.SignalsConfig;
import java.util.Map;

/**
 * A compiled {@code routing.signals.conversation[]} rule: a count from the request's {@link ConversationShape}
 * (messages of a role, tool definitions, the assistant's tool calls, completed tool cycles (tool results), image
 * parts, or 1/0 for the tool-choice and agent-loop flags) and a numeric
 * predicate on it. {@code flow_tool_state} (the reference's Router Flow continuation) is always 0.
 */
public record ConversationRule(String name, String type, String source, String role,
        FeatureSignal signal) {

    public static ConversationRule of(FeatureSignal signal) {
        FeatureSignal.Source from = signal.feature().source();
        return new ConversationRule(signal.name(), signal.feature().type(), from.type(), from.role(),
                signal);
    }

    public double measure(ConversationShape shape) {
        double count = switch (source) {
            case "message" -> switch (role) {
                case "user" -> shape.userMessages();
                case "assistant" -> shape.assistantMessages();
                case "system" -> shape.systemMessages();
                case "developer" -> shape.developerMessages();
                case "tool" -> shape.toolMessages();
                default -> shape.nonUserMessages();
            };
            case "tool_definition" -> shape.toolDefinitions();
            case "assistant_tool_call" -> shape.assistantToolCalls();
            case "assistant_tool_cycle" -> shape.toolMessages();
            case "tool_choice_required" -> shape.toolChoiceRequired() ? 1 : 0;
            case "tool_choice_none" -> shape.toolChoiceNone() ? 1 : 0;
            case "active_tool_loop" -> shape.activeToolLoop() ? 1 : 0;
            case "image_content" -> shape.imageParts();
            default -> 0;
        };
        return FeatureSignal.EXISTS.equals(type) ? (count > 0 ? 1 : 0) : count;
    }

    public boolean matches(ConversationShape shape) {
        return signal.holds(measure(shape));
    }

    void evaluate(ConversationShape shape, Map<String, Double> matched) {
        if (matches(shape)) {
            matched.put(SignalResults.key(SignalsConfig.CONVERSATION, name), 1.0);
        }
    }
}
