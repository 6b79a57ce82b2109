/// The name of a pane in a layout (`tree`, `main`, `chat`, `memory`). A string, so panes added
/// later (a review pane) need no change here.
public struct PaneID: Hashable, Sendable, Comparable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var rawValue: String

    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    public static func < (lhs: PaneID, rhs: PaneID) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { self.rawValue }
}
