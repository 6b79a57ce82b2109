/// Where a key binding applies: the whole workbench, one pane, or one popup. A string so new
/// panes (a review pane) bring their own context without changing this type.
package struct KeyContext: Hashable, Sendable, Comparable, ExpressibleByStringLiteral, CustomStringConvertible {
    package var rawValue: String

    package init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    package init(stringLiteral value: String) {
        self.rawValue = value
    }

    package static func < (lhs: KeyContext, rhs: KeyContext) -> Bool { lhs.rawValue < rhs.rawValue }

    package var description: String { self.rawValue }

    /// Everywhere, unless a more specific context binds the key first.
    package static let global: KeyContext = "global"
    package static let tree: KeyContext = "tree"
    package static let viewer: KeyContext = "viewer"
    package static let chat: KeyContext = "chat"
    /// The chat composer while typing: printable keys insert text.
    package static let composer: KeyContext = "composer"
    package static let memory: KeyContext = "memory"
    /// Any popup with a list: palette, finder, search, pickers.
    package static let list: KeyContext = "list"
    /// Single-line text fields in popups (queries, go to line, notes).
    package static let input: KeyContext = "input"
    package static let help: KeyContext = "help"
    /// The main view while it shows a review of a multi-file change.
    package static let review: KeyContext = "review"
    /// The main view while it shows the JavaScript-to-TypeScript walkthrough.
    package static let migration: KeyContext = "migration"

    /// The contexts keymap files may name, in the order `seam` documents them. A new pane adds
    /// its context here (and returns it from `WorkbenchUpdate.activeContexts` when focused).
    package static let standard: [KeyContext] = [
        .global, .tree, .viewer, .review, .migration, .chat, .composer, .memory, .list, .input, .help,
    ]
}
