package io.github.twiliosmsmcp.mcp;

import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.Map;

/**
 * Stands in for the SDK's JSON Schema validator, which costs about a tenth of a second at every
 * start (hundreds of classes) and has nothing to do here: each tool checks its own arguments
 * ({@code validateToolInputs(false)}), no tool declares an output schema, and the server asks the
 * client for nothing. ToolInventoryTest checks the tools' schemas with the SDK's validator instead,
 * at build time. Should the SDK ever ask this class to validate a value, it fails loudly rather than
 * let anything through unchecked.
 */
final class NoSchemaValidator implements JsonSchemaValidator {
    static final NoSchemaValidator INSTANCE = new NoSchemaValidator();

    private NoSchemaValidator() {}

    @Override
    public ValidationResponse validate(Map<String, Object> schema, Object value) {
        throw new IllegalStateException("no JSON Schema validator is installed: tools check their own arguments"
                + " and declare no output schema");
    }
}
