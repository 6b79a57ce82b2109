/// A configuration file (theme, keymap, settings) that could not be read or understood.
///
/// Always names the file, and the line and column (1-based, columns count characters) when the
/// problem is inside the text, so the user can go straight to it:
/// `~/.config/seam/themes/mine.toml:12:9: expected '=' after the key "fg"`.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What kind of problem this is; new kinds can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: Hashable, Sendable {
            case unreadable, syntax, duplicateKey, invalidValue, unsupported
        }

        private let kind: Kind

        private init(_ kind: Kind) { self.kind = kind }

        /// The file could not be opened or read, or is not valid UTF-8.
        public static let unreadable = Code(.unreadable)
        /// The text is not valid TOML.
        public static let syntax = Code(.syntax)
        /// A key or table was defined twice.
        public static let duplicateKey = Code(.duplicateKey)
        /// The TOML is valid but a value is not what the setting needs (wrong type, unknown name).
        public static let invalidValue = Code(.invalidValue)
        /// A TOML feature outside the subset Seam reads (dates and times).
        public static let unsupported = Code(.unsupported)

        public var description: String {
            switch self.kind {
            case .unreadable: "unreadable"
            case .syntax: "syntax"
            case .duplicateKey: "duplicateKey"
            case .invalidValue: "invalidValue"
            case .unsupported: "unsupported"
            }
        }
    }

    public var code: Code
    /// Lowercase, actionable: what is wrong and, where it helps, what would be right.
    public var message: String
    /// The file's path as given to the reader (or a label such as `<embedded>`).
    public var file: String
    /// 1-based line, or 0 when the problem is not at a place in the text.
    public var line: Int
    /// 1-based column in characters, or 0 when the problem is not at a place in the text.
    public var column: Int

    public init(_ code: Code, _ message: String, file: String, line: Int = 0, column: Int = 0) {
        self.code = code
        self.message = message
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column: message`, or `file: message` without a position.
    public var description: String {
        if self.line > 0 {
            return "\(self.file):\(self.line):\(self.column): \(self.message)"
        }
        return "\(self.file): \(self.message)"
    }
}
