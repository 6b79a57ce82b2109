/// The terminal could not be used (not a terminal, unknown `TERM`).
package struct TerminalError: Error, CustomStringConvertible, Sendable {
    package var message: String

    package init(_ message: String) {
        self.message = message
    }

    package var description: String { self.message }
}
