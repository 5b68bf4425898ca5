package dev.switchboard.contracts.bus;

import java.util.List;

/**
 * The shape of a chat request, for {@code conversation} signal rules: how many messages of each role, the tools it
 * defines, whether its {@code tool_choice} forces or forbids a call, whether it continues an agent loop, and how many
 * image parts it carries, and which kinds of input its user messages carry. Counts only: no text.
 *
 * @param userMessages      {@code user} messages
 * @param assistantMessages {@code assistant} messages
 * @param systemMessages    {@code system} messages
 * @param developerMessages {@code developer} messages
 * @param toolMessages      {@code tool} and {@code function} messages (tool results)
 * @param assistantToolCalls tool calls the assistant messages made ({@code tool_calls} entries, {@code function_call})
 * @param toolDefinitions   entries of {@code tools} (and {@code functions})
 * @param toolChoiceRequired {@code tool_choice} is {@code required} or names a function
 * @param toolChoiceNone    {@code tool_choice} is {@code none}
 * @param activeToolLoop    the last message is a tool result or an assistant's tool call: the agent loop goes on
 * @param imageParts        image content parts across the messages
 * @param userInputs        the kinds of input the user messages carry, of {@code text}, {@code image}, {@code audio},
 *                          {@code video}, in that order
 */
public record ConversationShape(
        int userMessages,
        int assistantMessages,
        int systemMessages,
        int developerMessages,
        int toolMessages,
        int assistantToolCalls,
        int toolDefinitions,
        boolean toolChoiceRequired,
        boolean toolChoiceNone,
        boolean activeToolLoop,
        int imageParts,
        List<String> userInputs) {

    /** A request of one user message and nothing else (tools, benchmarks). */
    public static final ConversationShape SINGLE_USER_TURN = new ConversationShape(1, 0, 0, 0, 0, 0, 0, false,
            false, false, 0, List.of("text"));

    public ConversationShape {
        userInputs = List.copyOf(userInputs);
    }

    /** Every message that is not the user's. */
    public int nonUserMessages() {
        return assistantMessages + systemMessages + developerMessages + toolMessages;
    }
}
