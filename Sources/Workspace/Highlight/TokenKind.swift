/// What a highlighted span of source is; themes map these to colours (`syntax.keyword`, …).
package enum TokenKind: String, Hashable, Sendable, CaseIterable {
    case keyword
    case string
    /// An escape sequence inside a string (`\n`, `\u{1F600}`).
    case escape
    case number
    /// Literal constants: `true`, `false`, `null`, `nil`, `None`, `undefined`.
    case constant
    case comment
    /// Type names (capitalised identifiers, built-in types).
    case type
    /// Function names at definitions and calls.
    case function
    /// Member names after `.`, and JSON object keys.
    case property
    case `operator`
    case punctuation
    /// Decorators and attributes (`@Component`, `@MainActor`).
    case decorator
    /// JSX/HTML tag names.
    case tag
    /// JSX/HTML attribute names.
    case attribute
    /// JavaScript regular-expression literals.
    case regex
    /// Markdown headings.
    case heading
    /// Markdown `*emphasis*`.
    case emphasis
    /// Markdown `**strong**`.
    case strong
    /// Markdown link text and URLs.
    case link
    /// Markdown code spans and fenced code without a known language.
    case code
    /// Markdown block-quote markers.
    case quote
    /// Markdown list markers and rules.
    case listMarker
    /// Bytes that cannot start any token (JSON only).
    case invalid
}

/// One highlighted span of a line: its kind and UTF-8 byte range. Gaps between tokens are
/// plain text.
package struct HighlightToken: Hashable, Sendable {
    /// What the span is.
    package var kind: TokenKind
    /// UTF-8 byte offsets into the line.
    package var range: Range<Int>

    package init(_ kind: TokenKind, _ range: Range<Int>) {
        self.kind = kind
        self.range = range
    }
}
