/// The special-token strings of the DeepSeek-V4 prompt format (`encoding_dsv4.py`). Map them to
/// ids with the tokenizer (`Tokenizer.id(forToken:)`); every one is a single token in the
/// released vocabulary.
package enum DeepSeekTokens {
    /// Starts every prompt (id 0 in the released vocabulary).
    package static let beginOfSentence = "<｜begin▁of▁sentence｜>"
    /// Ends every assistant turn (id 1); generation stops here.
    package static let endOfSentence = "<｜end▁of▁sentence｜>"
    /// Starts a user (or developer) turn.
    package static let user = "<｜User｜>"
    /// Starts an assistant turn.
    package static let assistant = "<｜Assistant｜>"
    /// Opens the reasoning of thinking mode (the prompt ends with it).
    package static let thinkStart = "<think>"
    /// Closes the reasoning; in chat mode the prompt ends with it.
    package static let thinkEnd = "</think>"
    /// The marker inside every DSML tag (`<｜DSML｜invoke …>`).
    package static let dsml = "｜DSML｜"
    /// Starts a `latest_reminder` message.
    package static let latestReminder = "<｜latest_reminder｜>"
    /// Wraps a tool result inside a user turn.
    package static let toolResultStart = "<tool_result>"
    /// Closes a tool result.
    package static let toolResultEnd = "</tool_result>"
    /// Opens a block of tool calls.
    package static let toolCallsStart = "<" + dsml + "tool_calls>"
    /// Closes a block of tool calls.
    package static let toolCallsEnd = "</" + dsml + "tool_calls>"

    /// Text that ends a generated assistant turn: the end-of-sentence token, and (defensively) the
    /// start of a user turn, which a well-behaved model never writes.
    package static let stopStrings = [endOfSentence, user]
}
