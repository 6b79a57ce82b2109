/// Character attributes a terminal can show besides colour.
package struct TextAttributes: OptionSet, Hashable, Sendable, CustomStringConvertible {
    package let rawValue: UInt8

    package init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    package static let bold = TextAttributes(rawValue: 1 << 0)
    package static let dim = TextAttributes(rawValue: 1 << 1)
    package static let italic = TextAttributes(rawValue: 1 << 2)
    package static let underline = TextAttributes(rawValue: 1 << 3)
    package static let reverse = TextAttributes(rawValue: 1 << 4)
    package static let strikethrough = TextAttributes(rawValue: 1 << 5)

    /// The names used in theme files (`modifiers = ["bold", "underline"]`), in bit order.
    package static let names: [(String, TextAttributes)] = [
        ("bold", .bold), ("dim", .dim), ("italic", .italic), ("underline", .underline), ("reverse", .reverse),
        ("strikethrough", .strikethrough),
    ]

    /// The attribute called `name`, or nil.
    package init?(name: String) {
        guard let match = Self.names.first(where: { $0.0 == name.lowercased() }) else { return nil }
        self = match.1
    }

    package var description: String {
        Self.names.filter { self.contains($0.1) }.map(\.0).joined(separator: "+")
    }
}
