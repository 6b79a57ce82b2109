/// Settings that shape the workbench but are not part of any pane: from the command line and
/// `~/.config/seam/config.toml`.
package struct WorkbenchSettings: Hashable, Sendable {
    /// The most bytes of instruction files (AGENTS.md) sent as context.
    package var memoryByteCap: Int
    /// The most bytes of one `@path` attachment.
    package var attachmentByteCap: Int
    /// The most tokens an answer may have.
    package var maxAnswerTokens: Int
    /// Sampling temperature for chat (nil: the model's default).
    package var temperature: Double?

    package init(memoryByteCap: Int = 32 * 1024, attachmentByteCap: Int = 64 * 1024, maxAnswerTokens: Int = 512, temperature: Double? = nil) {
        self.memoryByteCap = memoryByteCap
        self.attachmentByteCap = attachmentByteCap
        self.maxAnswerTokens = maxAnswerTokens
        self.temperature = temperature
    }
}
