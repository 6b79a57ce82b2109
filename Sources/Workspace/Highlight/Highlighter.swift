/// Turns source lines into highlight tokens, one line at a time, carrying a `LexerState`
/// across lines for multi-line comments, strings, templates, JSX and Markdown fences.
///
/// Lexer-based and approximate by design (no parser): fast enough to re-highlight a visible
/// screen on every keystroke. Tokens use UTF-8 byte offsets into the line.
package struct Highlighter: Sendable {
    /// The language lexed.
    package let language: Language

    package init(language: Language) {
        self.language = language
    }

    /// The highlighter for a file name (see `Language.detect`).
    package init(path: String, firstLine: String? = nil) {
        self.language = Language.detect(path: path, firstLine: firstLine)
    }

    /// Tokens of `line` (without its terminator) starting in `state`, and the state at its end.
    package func highlight(_ line: String, state: LexerState) -> (tokens: [HighlightToken], state: LexerState) {
        var scanner = LineScanner(line)
        var state = state
        switch self.language {
        case .javascript, .jsx:
            var lexer = CodeLexer(.javaScript)
            lexer.lex(&scanner, &state)
        case .typescript:
            var lexer = CodeLexer(.typeScript)
            lexer.lex(&scanner, &state)
        case .tsx:
            var lexer = CodeLexer(.typeScriptWithJSX)
            lexer.lex(&scanner, &state)
        case .swift:
            var lexer = CodeLexer(.swift)
            lexer.lex(&scanner, &state)
        case .python:
            var lexer = CodeLexer(.python)
            lexer.lex(&scanner, &state)
        case .json:
            var lexer = JSONLexer()
            lexer.lex(&scanner, &state)
        case .markdown:
            var lexer = MarkdownLexer()
            lexer.lex(&scanner, &state)
        case .plainText:
            break
        }
        return (scanner.tokens, state)
    }

    /// Tokens for every line of a whole text, from the initial state.
    package func highlight(lines: [String]) -> [[HighlightToken]] {
        var state = LexerState.initial
        return lines.map { line in
            let (tokens, next) = self.highlight(line, state: state)
            state = next
            return tokens
        }
    }
}
