package io.kubensbench.bench.campaign;

import io.kubensbench.workloads.time.Durations;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A node of a campaign file's YAML tree together with its path, so that every typed read can
 * fail with the path of the field and say what type it wanted and what it got. The reader
 * checks by hand, not with data binding, because binding errors name Java types and fields
 * rather than the file's.
 *
 * @param path dotted path from the top, with list indexes: {@code levels[1].volumesPerPod};
 *     empty for the top level
 * @param node the node, or null when the field is absent (a field present with no value is a
 *     {@code NullNode})
 */
record YamlField(String path, JsonNode node) {

    static YamlField root(JsonNode node) {
        return new YamlField("", node);
    }

    /** The field is in the file, even if with no value. */
    boolean present() {
        return node != null && !node.isMissingNode();
    }

    /** In the file with a value: what a required field needs. */
    boolean hasValue() {
        return present() && !node.isNull();
    }

    /** The path as a message shows it. */
    String where() {
        return path.isEmpty() ? "(top level)" : path;
    }

    InvalidCampaignException problem(String problem) {
        return new InvalidCampaignException(where(), problem);
    }

    /** The field {@code name} of this map (absent if this is not a map or has no such field). */
    YamlField get(String name) {
        return new YamlField(path.isEmpty() ? name : path + "." + name, node == null ? null : node.get(name));
    }

    /** This field, which must have a value: "is required" otherwise. */
    YamlField required() {
        if (!hasValue()) {
            throw problem("is required");
        }
        return this;
    }

    /** This required field as a URI, refused when it does not parse; what a URL must be is the caller's. */
    URI uri() {
        String text = required().text().strip();
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw problem("is not a URL: " + e.getReason() + " (got " + got() + ")");
        }
    }

    /** This required field as a path to a {@code what} ("file", "directory"), refused when blank or not a path here. */
    Path path(String what) {
        String text = required().text();
        if (text.isBlank()) {
            throw problem("must name a " + what);
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw problem("is not a " + what + " name: " + e.getReason());
        }
    }

    /** This field as a map whose keys are all in {@code known}, in the order the file has them. */
    YamlField map(List<String> known) {
        if (node == null || !node.isObject()) {
            throw problem("must be a map (got " + got() + ")");
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!known.contains(field.getKey())) {
                throw get(field.getKey()).problem(known.isEmpty() ? "unknown field (none are known here)"
                        : "unknown field (known: " + String.join(", ", known) + ")");
            }
        }
        return this;
    }

    /** The entries of a free-form map such as a node selector, each with a {@code path["key"]} path. */
    List<Map.Entry<String, YamlField>> entries() {
        if (node == null || !node.isObject()) {
            throw problem("must be a map (got " + got() + ")");
        }
        List<Map.Entry<String, YamlField>> entries = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String at = path + "[" + Shown.text(field.getKey()) + "]";
            entries.add(Map.entry(field.getKey(), new YamlField(at, field.getValue())));
        }
        return entries;
    }

    List<YamlField> list() {
        if (node == null || !node.isArray()) {
            throw problem("must be a list (got " + got() + ")");
        }
        List<YamlField> items = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            items.add(new YamlField(path + "[" + i + "]", node.get(i)));
        }
        return items;
    }

    int integer() {
        if (node != null && node.isIntegralNumber()) {
            if (node.canConvertToInt()) {
                return node.intValue();
            }
            throw problem("is out of range (got " + got() + ")");
        }
        throw problem("must be an integer (got " + got() + ")");
    }

    long longInteger() {
        if (node != null && node.isIntegralNumber()) {
            if (node.canConvertToLong()) {
                return node.longValue();
            }
            throw problem("is out of range (got " + got() + ")");
        }
        throw problem("must be an integer (got " + got() + ")");
    }

    double number() {
        if (node != null && node.isNumber()) {
            return node.doubleValue();
        }
        throw problem("must be a number (got " + got() + ")");
    }

    boolean bool() {
        if (node != null && node.isBoolean()) {
            return node.booleanValue();
        }
        throw problem("must be true or false (got " + got() + ")");
    }

    String text() {
        if (node != null && node.isString()) {
            return node.stringValue();
        }
        throw problem("must be a string (got " + got() + ")");
    }

    /**
     * A duration as {@link Durations#parse} reads it. A bare number reaches the parser too, so
     * that {@code measure: 20} is refused for its missing unit, not for being a number.
     */
    Duration duration() {
        if (node != null && (node.isString() || node.isNumber())) {
            try {
                return Durations.parse(node.asString());
            } catch (IllegalArgumentException e) {
                throw problem(e.getMessage());
            }
        }
        throw problem("must be a duration such as 20s (got " + got() + ")");
    }

    /** What the file holds here, for "got ...": {@code "many"}, {@code 2.5}, {@code a list}. */
    String got() {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isString()) {
            return Shown.text(node.stringValue());
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "a map";
        }
        if (node.isBinary()) {
            return "binary data";
        }
        return node.asString();
    }
}
