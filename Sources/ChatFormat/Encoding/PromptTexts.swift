/// The fixed texts of the DeepSeek-V4 prompt format, as the model was trained on them
/// (from DeepSeek's reference encoder `encoding/encoding_dsv4.py`; pinned by the fixtures).
enum PromptTexts {
    /// The tools section appended to a system or developer message; `schemas` is one JSON object
    /// per line.
    static func toolsSection(schemas: String) -> String {
        let dsml = DeepSeekTokens.dsml
        let thinkStart = DeepSeekTokens.thinkStart
        let thinkEnd = DeepSeekTokens.thinkEnd
        return """
            ## Tools

            You have access to a set of tools to help answer the user's question. You can invoke tools by writing a "<\(dsml)tool_calls>" block like the following:

            <\(dsml)tool_calls>
            <\(dsml)invoke name="$TOOL_NAME">
            <\(dsml)parameter name="$PARAMETER_NAME" string="true|false">$PARAMETER_VALUE</\(dsml)parameter>
            ...
            </\(dsml)invoke>
            <\(dsml)invoke name="$TOOL_NAME2">
            ...
            </\(dsml)invoke>
            </\(dsml)tool_calls>

            String parameters should be specified as is and set `string="true"`. For all other types (numbers, booleans, arrays, objects), pass the value in JSON format and set `string="false"`.

            If thinking_mode is enabled (triggered by \(thinkStart)), you MUST output your complete reasoning inside \(thinkStart)...\(thinkEnd) BEFORE any tool calls or final response.

            Otherwise, output directly after \(thinkEnd) with tool calls or final response.

            ### Available Tool Schemas

            \(schemas)

            You MUST strictly follow the above defined tool name and parameter schemas to invoke tool calls.

            """
    }

    /// The response-format section; `schema` is the format's JSON.
    static func responseFormatSection(schema: String) -> String {
        "## Response Format:\n\nYou MUST strictly adhere to the following schema to reply:\n" + schema
    }

    /// Prepended to the first message in thinking mode at reasoning effort `max`.
    static let maximumReasoningEffort =
        "Reasoning Effort: Absolute maximum with no shortcuts permitted.\n"
        + "You MUST be very thorough in your thinking and comprehensively decompose the problem to resolve the root "
        + "cause, rigorously stress-testing your logic against all potential paths, edge cases, and adversarial "
        + "scenarios.\n"
        + "Explicitly write out your entire deliberation process, documenting every intermediate step, considered "
        + "alternative, and rejected hypothesis to ensure absolutely no assumption is left unchecked.\n\n"
}
