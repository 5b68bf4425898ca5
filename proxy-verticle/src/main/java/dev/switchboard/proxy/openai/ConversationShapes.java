package dev.switchboard.proxy.openai;

import dev.switchboard.contracts.bus.ConversationShape;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/** Counts a validated chat body's roles, tools and image parts into a {@link ConversationShape}. */
final class ConversationShapes {

    /** Content-part types that carry an image (Chat Completions and Responses spellings). */
    private static final Set<String> IMAGE_PARTS = Set.of("image_url", "input_image", "image");

    private ConversationShapes() {
    }

    static ConversationShape of(JsonObject body, JsonArray messages) {
        int[] roles = new int[5];
        int images = 0;
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
            if (message.getValue("content") instanceof JsonArray parts) {
                for (Object part : parts) {
                    if (part instanceof JsonObject object && IMAGE_PARTS.contains(object.getValue("type"))) {
                        images++;
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
                toolLoop, images);
    }
}
