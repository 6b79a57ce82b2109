/// The name of a pane in a layout (`tree`, `main`, `chat`, `memory`). A string, so panes added
/// later (a review pane) need no change here.
package struct PaneID: Hashable, Sendable, Comparable, ExpressibleByStringLiteral, CustomStringConvertible {
    package var rawValue: String

    package init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    package init(stringLiteral value: String) {
        self.rawValue = value
    }

    package static func < (lhs: PaneID, rhs: PaneID) -> Bool { lhs.rawValue < rhs.rawValue }

    package var description: String { self.rawValue }
}
