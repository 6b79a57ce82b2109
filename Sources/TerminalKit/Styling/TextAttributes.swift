/// Character attributes a terminal can show besides colour.
public struct TextAttributes: OptionSet, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt8

    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    public static let bold = TextAttributes(rawValue: 1 << 0)
    public static let dim = TextAttributes(rawValue: 1 << 1)
    public static let italic = TextAttributes(rawValue: 1 << 2)
    public static let underline = TextAttributes(rawValue: 1 << 3)
    public static let reverse = TextAttributes(rawValue: 1 << 4)
    public static let strikethrough = TextAttributes(rawValue: 1 << 5)

    /// The names used in theme files (`modifiers = ["bold", "underline"]`), in bit order.
    public static let names: [(String, TextAttributes)] = [
        ("bold", .bold), ("dim", .dim), ("italic", .italic), ("underline", .underline), ("reverse", .reverse),
        ("strikethrough", .strikethrough),
    ]

    /// The attribute called `name`, or nil.
    public init?(name: String) {
        guard let match = Self.names.first(where: { $0.0 == name.lowercased() }) else { return nil }
        self = match.1
    }

    public var description: String {
        Self.names.filter { self.contains($0.1) }.map(\.0).joined(separator: "+")
    }
}
