/// Why a choice stopped: OpenAI's `finish_reason` values that the engine produces.
package enum FinishReason: String, Codable, Sendable, Hashable {
    /// The model emitted its end-of-sequence token or a stop string matched.
    case stop
    /// `max_tokens` (or the context limit) was reached.
    case length
    /// The model called one or more tools.
    case toolCalls = "tool_calls"
    /// Kept for decoding other servers' responses; the engine never filters content.
    case contentFilter = "content_filter"
    /// The legacy function-call reason, kept for decoding other servers' responses.
    case functionCall = "function_call"
}
