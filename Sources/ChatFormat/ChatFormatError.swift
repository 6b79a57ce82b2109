/// OpenAI-shaped chat input that cannot become `ChatMessage`s: where (a key path such as
/// `messages[2].tool_calls[0].function.arguments`) and what is wrong.
package struct ChatFormatError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The key path of the offending value.
    package var keyPath: String
    /// What is wrong, in lowercase words.
    package var problem: String

    /// An error at `keyPath`.
    package init(_ keyPath: String, _ problem: String) {
        self.keyPath = keyPath
        self.problem = problem
    }

    package var description: String { self.keyPath.isEmpty ? self.problem : "\(self.keyPath): \(self.problem)" }
}
