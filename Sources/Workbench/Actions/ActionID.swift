/// The name of an action, as written in keymap files (`focusNextPane`, `openFinder`).
package struct ActionID: Hashable, Sendable, Comparable, ExpressibleByStringLiteral, CustomStringConvertible {
    package var rawValue: String

    package init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    package init(stringLiteral value: String) {
        self.rawValue = value
    }

    package static func < (lhs: ActionID, rhs: ActionID) -> Bool { lhs.rawValue < rhs.rawValue }

    package var description: String { self.rawValue }
}
