package dev.switchboard.proxy.openai;

import dev.switchboard.contracts.config.ModelDefinition;
import dev.switchboard.contracts.config.ProxySettings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The answer to {@code GET /v1/models}: the automatic names first, then every configured model. */
public final class ModelList {

    private ModelList() {
    }

    public static JsonObject of(ProxySettings settings) {
        JsonArray data = new JsonArray();
        settings.autoModelNames().forEach(name -> data.add(entry(name, "switchboard")));
        for (ModelDefinition model : settings.providers().models()) {
            data.add(entry(model.name(), "switchboard"));
        }
        return new JsonObject().put("object", "list").put("data", data);
    }

    private static JsonObject entry(String id, String owner) {
        return new JsonObject().put("id", id).put("object", "model").put("created", 0).put("owned_by", owner);
    }
}
