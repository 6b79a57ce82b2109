/// A short message in the status bar (what just happened, or what went wrong).
package struct Notice: Hashable, Sendable {
    /// How the message is shown.
    package enum Kind: Hashable, Sendable {
        case info, warning, error
    }

    package var kind: Kind
    package var text: String

    package init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = text
    }
}
