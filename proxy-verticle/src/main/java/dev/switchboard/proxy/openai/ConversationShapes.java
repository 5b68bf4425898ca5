package dev.switchboard.proxy.openai;

import dev.switchboard.contracts.bus.ConversationShape;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import dev.switchboard.contracts.config.InputModalitySignal;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Counts a validated chat body's roles, tools and image parts, and the kinds of input of its user messages, into a
 * {@link ConversationShape}.
 */
final class ConversationShapes {

    /** Content-part types by the kind of input they carry (Chat Completions and Responses spellings). */
    private static final Map<String, String> PART_KINDS = Map.of(
            "text", InputModalitySignal.TEXT, "input_text", InputModalitySignal.TEXT,
            "image_url", InputModalitySignal.IMAGE, "input_image", InputModalitySignal.IMAGE,
            "image", InputModalitySignal.IMAGE,
            "input_audio", InputModalitySignal.AUDIO, "audio_url", InputModalitySignal.AUDIO,
            "video_url", InputModalitySignal.VIDEO, "input_video", InputModalitySignal.VIDEO);

    private ConversationShapes() {
    }

    static ConversationShape of(JsonObject body, JsonArray messages) {
        int[] roles = new int[5];
        int images = 0;
        Set<String> userInputs = new HashSet<>();
        int toolCalls = 0;
        boolean lastCallsTools = false;
        String lastRole = null;
        for (int i = 0; i < messages.size(); i++) {
            JsonObject message = messages.getJsonObject(i);
            lastRole = message.getString("role");
            switch (lastRole) {
                case "user" -> roles[0]++;
                case "assistant" -> roles[1]++;
                case "system" -> roles[2]++;
                case "developer" -> roles[3]++;
                default -> roles[4]++;
            }
            int calls = (message.getValue("tool_calls") instanceof JsonArray list ? list.size() : 0)
                    + (message.getValue("function_call") instanceof JsonObject ? 1 : 0);
            toolCalls += "assistant".equals(lastRole) ? calls : 0;
            lastCallsTools = "assistant".equals(lastRole) && calls > 0;
            boolean user = "user".equals(lastRole);
            Object content = message.getValue("content");
            if (user && content instanceof String text && !text.isEmpty()) {
                userInputs.add(InputModalitySignal.TEXT);
            } else if (content instanceof JsonArray parts) {
                for (Object part : parts) {
                    String kind = part instanceof JsonObject object && object.getValue("type") instanceof String type
                            ? PART_KINDS.get(type) : null;
                    images += InputModalitySignal.IMAGE.equals(kind) ? 1 : 0;
                    if (user && kind != null) {
                        userInputs.add(kind);
                    }
                }
            }
        }
        int tools = (body.getValue("tools") instanceof JsonArray list ? list.size() : 0)
                + (body.getValue("functions") instanceof JsonArray list ? list.size() : 0);
        Object choice = body.getValue("tool_choice");
        boolean required = "required".equals(choice) || choice instanceof JsonObject;
        boolean none = "none".equals(choice);
        boolean toolLoop = "tool".equals(lastRole) || "function".equals(lastRole) || lastCallsTools;
        return new ConversationShape(roles[0], roles[1], roles[2], roles[3], roles[4], toolCalls, tools, required, none,
                toolLoop, images, InputModalitySignal.MODALITIES.stream().filter(userInputs::contains).toList());
    }
}
