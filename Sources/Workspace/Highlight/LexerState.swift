/// What a lexer carries from the end of one line to the start of the next: open block
/// comments, multi-line strings, template interpolations, JSX nesting, Markdown fences.
///
/// Opaque and `Hashable`: `HighlightCache` compares the state at the end of a re-lexed line
/// with the stored one to know where re-highlighting after an edit can stop.
package struct LexerState: Hashable, Sendable {
    var stack: [LexerMode]

    /// The state at the start of a file.
    package static let initial = LexerState(stack: [])

    /// True when nothing is open.
    package var isInitial: Bool { self.stack.isEmpty }

    var top: LexerMode? { self.stack.last }

    mutating func push(_ mode: LexerMode) { self.stack.append(mode) }

    mutating func pop() { if !self.stack.isEmpty { self.stack.removeLast() } }

    /// Replaces the top mode.
    mutating func replaceTop(_ mode: LexerMode) {
        self.pop()
        self.push(mode)
    }
}

/// One open construct.
indirect enum LexerMode: Hashable, Sendable {
    /// Inside `/* … */` (Swift nests them: `depth`).
    case blockComment(depth: Int)
    /// Inside a string literal.
    case string(StringStyle)
    /// Code inside `${ … }`, `\( … )` or a JSX `{ … }`; `depth` counts nested openers of the
    /// same bracket so the right `closer` ends it.
    case interpolation(closer: UInt8, depth: Int)
    /// Inside a JSX tag, between `<name` and `>` or `/>`.
    case jsxTag(closing: Bool)
    /// Between a JSX opening and closing tag.
    case jsxChildren
    /// Inside a Markdown fenced code block.
    case fence(language: Language?, marker: UInt8, length: Int, inner: LexerState)
}

/// How a string literal is delimited and what it may contain.
struct StringStyle: Hashable, Sendable {
    enum Interpolation: Hashable, Sendable {
        case none
        /// JavaScript template literals: `${ … }`.
        case dollarBrace
        /// Swift: `\( … )` (with the raw string's hashes: `\#( … )`).
        case backslashParen
    }

    var quote: UInt8
    /// Closed by three quotes (Python `'''`/`"""`, Swift `"""`).
    var triple: Bool = false
    /// Swift raw-string `#` count.
    var hashes: Int = 0
    /// No escape sequences (Python `r"…"`).
    var raw: Bool = false
    var interpolation: Interpolation = .none
    /// A JavaScript template literal (spans lines).
    var template: Bool = false
    /// A single-line string continued with a trailing backslash.
    var continued: Bool = false

    var spansLines: Bool { self.triple || self.template }
}
