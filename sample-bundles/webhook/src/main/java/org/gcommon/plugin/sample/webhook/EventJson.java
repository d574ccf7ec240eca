package org.gcommon.plugin.sample.webhook;

import java.util.Map;

import org.gcommon.plugin.api.PluginConstants;
import org.gcommon.plugin.api.event.PluginEvent;

/**
 * The JSON body posted for one event:
 * {@code {"plugin":"memory-cache","state":"ACTIVE","from":"STARTING","reason":null,"time":"2026-…Z","topic":"org/gcommon/plugin/STATE/ACTIVE"}}.
 * For events other than state changes, {@code plugin} is the publisher and the state fields are null.
 * Written by hand: the format is tiny, and a JSON library would be one more bundle to deploy.
 */
final class EventJson {

    private EventJson() {
    }

    /** One event as the remote receives it; {@code null} for what the event does not say. */
    record Fields(String plugin, String state, String from, String reason, String time, String topic) {

        static Fields of(PluginEvent event) {
            Map<?, ?> payload = event.payload(Map.class).orElse(Map.of());
            Object plugin = payload.get(PluginConstants.EVENT_PLUGIN_NAME);
            return new Fields(plugin == null ? event.publisher() : plugin.toString(),
                    text(payload.get(PluginConstants.EVENT_TO)), text(payload.get(PluginConstants.EVENT_FROM)),
                    text(payload.get(PluginConstants.EVENT_REASON)), event.time().toString(), event.topic());
        }

        private static String text(Object value) {
            return value == null ? null : value.toString();
        }

        String toJson() {
            return "{\"plugin\":" + quote(plugin) + ",\"state\":" + quote(state) + ",\"from\":" + quote(from)
                    + ",\"reason\":" + quote(reason) + ",\"time\":" + quote(time) + ",\"topic\":" + quote(topic) + "}";
        }
    }

    /** @return the value as a JSON string literal, or {@code null} */
    static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
