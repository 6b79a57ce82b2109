/// How the terminal session is set up.
package struct TerminalOptions: Sendable {
    /// Report mouse clicks and wheel scrolling (turn off to let the terminal select text).
    package var mouse: Bool
    /// The process environment (for `NO_COLOR`, `SEAM_COLORS` and `TERM`).
    package var environment: [String: String]
    /// How long a lone ESC waits for a following key before it counts as Escape.
    package var escapeDelay: Duration

    package init(mouse: Bool = true, environment: [String: String], escapeDelay: Duration = .milliseconds(25)) {
        self.mouse = mouse
        self.environment = environment
        self.escapeDelay = escapeDelay
    }
}
