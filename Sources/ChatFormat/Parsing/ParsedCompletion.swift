/// A completion parsed back into its parts.
package struct ParsedCompletion: Sendable, Hashable {
    /// The reasoning (thinking mode), without `</think>`.
    package var reasoning: String
    /// The answer text, without the tool-call block and the end-of-sentence token.
    package var content: String
    /// The tool calls of the DSML block, in order (ids are nil; the server assigns them).
    package var toolCalls: [ToolCall]
    /// True when the end-of-sentence token was seen (text after it is ignored).
    package var endedWithEndOfSentence: Bool

    /// An empty completion.
    package init(reasoning: String = "", content: String = "", toolCalls: [ToolCall] = [], endedWithEndOfSentence: Bool = false) {
        self.reasoning = reasoning
        self.content = content
        self.toolCalls = toolCalls
        self.endedWithEndOfSentence = endedWithEndOfSentence
    }
}
