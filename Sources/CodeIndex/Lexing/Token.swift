/// One lexical token of JavaScript or TypeScript source, located by UTF-8 byte offsets.
///
/// Tokens never copy text: `SourceText.text(of:)` slices it out of the file when needed.
package struct Token: Sendable, Equatable {
    /// What kind of token this is.
    package enum Kind: Sendable, Equatable {
        /// An identifier or a keyword (`require`, `const`, `typeof`); keywords are not told apart here.
        case identifier
        /// `#name` inside a class body.
        case privateName
        /// An operator or a bracket (`{`, `=>`, `?.`, `>>>=`).
        case punctuator
        /// A single- or double-quoted string literal, quotes included.
        case string
        /// A template literal with no substitution: `` `text` ``.
        case templateNoSubstitution
        /// The part of a template from the backquote to the first `${`.
        case templateHead
        /// The part between `}` and the next `${`.
        case templateMiddle
        /// The part from the last `}` to the closing backquote.
        case templateTail
        /// A numeric literal (decimal, hex, octal, binary, bigint, separators).
        case number
        /// A regular expression literal with its flags.
        case regex
        /// `// …` up to the end of the line.
        case lineComment
        /// `/* … */` (including JSDoc `/** … */`).
        case blockComment
        /// `#!…` on the first line.
        case hashbang
        /// Text between JSX tags.
        case jsxText
    }

    /// The token's kind.
    package var kind: Kind
    /// Byte offset of the first byte.
    package var start: Int
    /// Byte offset one past the last byte.
    package var end: Int
    /// 1-based line of the first byte.
    package var line: Int
    /// True when a line terminator separates this token from the previous non-comment token
    /// (what automatic semicolon insertion looks at).
    package var newlineBefore: Bool

    /// True for comments and the hashbang, which carry no syntax.
    package var isTrivia: Bool {
        switch self.kind {
        case .lineComment, .blockComment, .hashbang: return true
        default: return false
        }
    }

    /// True for every kind of template piece.
    package var isTemplate: Bool {
        switch self.kind {
        case .templateNoSubstitution, .templateHead, .templateMiddle, .templateTail: return true
        default: return false
        }
    }

    /// The byte range of the token.
    package var range: Range<Int> { self.start..<self.end }
}

/// A problem the lexer recovered from (an unterminated string, comment or template).
package struct LexDiagnostic: Sendable, Equatable, CustomStringConvertible {
    /// 1-based line where the problem starts.
    package var line: Int
    /// What went wrong.
    package var message: String

    package var description: String { "line \(self.line): \(self.message)" }
}
