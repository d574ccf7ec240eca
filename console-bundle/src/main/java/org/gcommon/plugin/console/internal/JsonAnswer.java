package org.gcommon.plugin.console.internal;

import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What an endpoint answers: an HTTP status and a JSON body.
 *
 * @param status the HTTP status code
 * @param body the JSON body
 */
record JsonAnswer(int status, JsonNode body) {

    JsonAnswer {
        Objects.requireNonNull(body, "body");
    }

    static JsonAnswer ok(JsonNode body) {
        return new JsonAnswer(200, body);
    }
}
