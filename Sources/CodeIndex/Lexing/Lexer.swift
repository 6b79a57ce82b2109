/// A JavaScript/TypeScript lexer that survives real code: it tells regular expressions from
/// division by the previous token (and, for `)` and `}`, by what the bracket opened), scans
/// template literals with nested `${}` through a brace stack, lexes JSX elements (tags,
/// attributes, text, nested expressions) when enabled, keeps comments and the hashbang as
/// trivia tokens, and records on each token whether a newline precedes it (for automatic
/// semicolon insertion). It never throws: unterminated constructs end at end of file and are
/// reported as diagnostics.
///
/// The regex/division rule follows the usual "previous significant token" approach used by
/// sweet.js and esprima's tokenizer: after an expression-ending token `/` divides, elsewhere it
/// starts a regular expression.
package struct Lexer {
    /// Every token, trivia included, in source order.
    package private(set) var tokens: [Token] = []
    /// Problems recovered from.
    package private(set) var diagnostics: [LexDiagnostic] = []
    /// True when at least one JSX element was lexed.
    package private(set) var sawJSX = false

    private let bytes: [UInt8]
    private let jsx: Bool
    private var position = 0
    private var line = 1
    private var newlinePending = false
    private var lastSignificant: Token?
    private var braces: [Brace] = []
    private var parens: [Bool] = []
    private var lastParenWasControl = false
    private var lastBraceWasBlock = false

    private enum Brace {
        case block
        case expression
        case template
        case jsxExpression
    }

    /// Lexes `source`. `jsx` enables JSX elements (for .jsx/.tsx files, or .js files that use JSX).
    package init(_ source: SourceText, jsx: Bool) {
        self.bytes = source.bytes
        self.jsx = jsx
        if self.bytes.count >= 2 && self.bytes[0] == 0x23 && self.bytes[1] == 0x21 {
            var end = 2
            while end < self.bytes.count && self.bytes[end] != 0x0A && self.bytes[end] != 0x0D { end += 1 }
            self.tokens.append(Token(kind: .hashbang, start: 0, end: end, line: 1, newlineBefore: false))
            self.position = end
        }
        self.run(untilBraceDepth: nil)
    }

    /// Lexes `text` and returns the tokens.
    package static func tokenize(_ text: String, jsx: Bool = false) -> [Token] {
        Lexer(SourceText(text), jsx: jsx).tokens
    }

    // MARK: - Main loop

    private mutating func run(untilBraceDepth target: Int?) {
        while self.position < self.bytes.count {
            let byte = self.bytes[self.position]
            switch byte {
            case 0x0A:
                self.line += 1
                self.newlinePending = true
                self.position += 1
            case 0x0D:
                if self.position + 1 < self.bytes.count && self.bytes[self.position + 1] == 0x0A { self.position += 1 }
                self.line += 1
                self.newlinePending = true
                self.position += 1
            case 0x20, 0x09, 0x0B, 0x0C:
                self.position += 1
            case 0xE2 where self.isUnicodeLineSeparator():
                self.line += 1
                self.newlinePending = true
                self.position += 3
            case 0xC2 where self.position + 1 < self.bytes.count && self.bytes[self.position + 1] == 0xA0,
                0xEF where self.isByteOrderMark():
                self.position += byte == 0xC2 ? 2 : 3
            case UInt8(ascii: "/"):
                let next = self.peek(1)
                if next == UInt8(ascii: "/") {
                    self.scanLineComment()
                } else if next == UInt8(ascii: "*") {
                    self.scanBlockComment()
                } else if self.regexAllowed() {
                    self.scanRegexOrSlash()
                } else {
                    self.scanPunctuator()
                }
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                self.scanString(quote: byte)
            case UInt8(ascii: "`"):
                self.position += 1
                self.scanTemplate(start: self.position - 1, line: self.line, continuing: false)
            case UInt8(ascii: "}"):
                if let top = self.braces.last {
                    switch top {
                    case .template:
                        self.braces.removeLast()
                        self.position += 1
                        self.scanTemplate(start: self.position - 1, line: self.line, continuing: true)
                        continue
                    case .jsxExpression:
                        self.braces.removeLast()
                        self.emit(.punctuator, self.position, self.position + 1, self.line)
                        self.position += 1
                        if target != nil && self.braces.count == target { return }
                        continue
                    case .block, .expression:
                        self.braces.removeLast()
                        self.lastBraceWasBlock = top == .block
                    }
                } else {
                    self.lastBraceWasBlock = true
                }
                self.emit(.punctuator, self.position, self.position + 1, self.line)
                self.position += 1
            case UInt8(ascii: "{"):
                self.braces.append(self.braceOpensExpression() ? .expression : .block)
                self.emit(.punctuator, self.position, self.position + 1, self.line)
                self.position += 1
            case UInt8(ascii: "("):
                self.parens.append(self.lastIsIdentifier(among: ["if", "while", "for", "with"]))
                self.emit(.punctuator, self.position, self.position + 1, self.line)
                self.position += 1
            case UInt8(ascii: ")"):
                self.lastParenWasControl = self.parens.popLast() ?? false
                self.emit(.punctuator, self.position, self.position + 1, self.line)
                self.position += 1
            case UInt8(ascii: "<") where self.jsx && self.regexAllowed() && self.startsJSXElement():
                self.sawJSX = true
                self.scanJSXElement()
            case UInt8(ascii: "#"):
                let start = self.position
                self.position += 1
                self.scanIdentifierTail()
                self.emit(.privateName, start, self.position, self.line)
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                self.scanNumber()
            case UInt8(ascii: ".") where self.isDigit(self.peek(1)):
                self.scanNumber()
            default:
                if self.isIdentifierStart(byte) {
                    let start = self.position
                    self.scanIdentifierTail()
                    self.emit(.identifier, start, self.position, self.line)
                } else {
                    self.scanPunctuator()
                }
            }
        }
        if target != nil || !self.braces.filter({ $0 == .template }).isEmpty {
            if self.braces.contains(.template) {
                self.diagnostics.append(LexDiagnostic(line: self.line, message: "unterminated template literal"))
            }
        }
    }

    // MARK: - Context

    private mutating func emit(_ kind: Token.Kind, _ start: Int, _ end: Int, _ line: Int) {
        let token = Token(kind: kind, start: start, end: end, line: line, newlineBefore: self.newlinePending)
        self.tokens.append(token)
        if !token.isTrivia {
            self.lastSignificant = token
            self.newlinePending = false
        }
    }

    private func peek(_ offset: Int) -> UInt8 {
        let index = self.position + offset
        return index < self.bytes.count ? self.bytes[index] : 0
    }

    private func lastIsIdentifier(among words: Set<String>) -> Bool {
        guard let last = self.lastSignificant, last.kind == .identifier else { return false }
        return words.contains(String(decoding: self.bytes[last.start..<last.end], as: UTF8.self))
    }

    private func lastPunctuator() -> String? {
        guard let last = self.lastSignificant, last.kind == .punctuator else { return nil }
        return String(decoding: self.bytes[last.start..<last.end], as: UTF8.self)
    }

    /// Keywords after which an expression (and so a regular expression) starts.
    private static let expressionKeywords: Set<String> = [
        "return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else",
        "yield", "await", "extends",
    ]

    private func regexAllowed() -> Bool {
        guard let last = self.lastSignificant else { return true }
        switch last.kind {
        case .number, .string, .regex, .templateNoSubstitution, .templateTail, .privateName:
            return false
        case .templateHead, .templateMiddle, .jsxText:
            return true
        case .identifier:
            return self.lastIsIdentifier(among: Self.expressionKeywords)
        case .punctuator:
            switch self.lastPunctuator() {
            case ")": return self.lastParenWasControl
            case "]", "++", "--": return false
            case "}": return self.lastBraceWasBlock
            default: return true
            }
        case .lineComment, .blockComment, .hashbang:
            return true
        }
    }

    private func braceOpensExpression() -> Bool {
        guard let last = self.lastSignificant else { return false }
        switch last.kind {
        case .punctuator:
            switch self.lastPunctuator() {
            case ")", "]", "}", "=>", ";": return false
            default: return true
            }
        case .identifier:
            return self.lastIsIdentifier(among: ["return", "typeof", "in", "of", "yield", "await", "void", "delete", "throw", "case"])
        case .templateHead, .templateMiddle:
            return true
        default:
            return false
        }
    }

    // MARK: - Scanners

    private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == 0x24 || byte == 0x5F
            || byte == 0x5C || byte >= 0x80
    }

    private func isIdentifierPart(_ byte: UInt8) -> Bool {
        self.isIdentifierStart(byte) || self.isDigit(byte)
    }

    private func isUnicodeLineSeparator() -> Bool {
        self.peek(1) == 0x80 && (self.peek(2) == 0xA8 || self.peek(2) == 0xA9)
    }

    private func isByteOrderMark() -> Bool {
        self.peek(1) == 0xBB && self.peek(2) == 0xBF
    }

    private mutating func scanIdentifierTail() {
        while self.position < self.bytes.count {
            let byte = self.bytes[self.position]
            if byte == 0xE2 && self.isUnicodeLineSeparator() { break }
            if byte == 0x5C {
                // \uXXXX or \u{…} escape inside an identifier.
                self.position += 2
                continue
            }
            guard self.isIdentifierPart(byte) else { break }
            self.position += 1
        }
    }

    private mutating func scanLineComment() {
        let start = self.position
        while self.position < self.bytes.count && self.bytes[self.position] != 0x0A && self.bytes[self.position] != 0x0D {
            if self.bytes[self.position] == 0xE2 && self.isUnicodeLineSeparator() { break }
            self.position += 1
        }
        self.emit(.lineComment, start, self.position, self.line)
    }

    private mutating func scanBlockComment() {
        let start = self.position
        let startLine = self.line
        self.position += 2
        var closed = false
        while self.position < self.bytes.count {
            let byte = self.bytes[self.position]
            if byte == UInt8(ascii: "*") && self.peek(1) == UInt8(ascii: "/") {
                self.position += 2
                closed = true
                break
            }
            if byte == 0x0A || (byte == 0x0D && self.peek(1) != 0x0A) {
                self.line += 1
                self.newlinePending = true
            }
            self.position += 1
        }
        if !closed { self.diagnostics.append(LexDiagnostic(line: startLine, message: "unterminated comment")) }
        self.emit(.blockComment, start, self.position, startLine)
    }

    private mutating func scanString(quote: UInt8) {
        let start = self.position
        let startLine = self.line
        self.position += 1
        var closed = false
        while self.position < self.bytes.count {
            let byte = self.bytes[self.position]
            if byte == quote {
                self.position += 1
                closed = true
                break
            }
            if byte == 0x5C {
                // An escape; a backslash before a line break continues the string.
                let next = self.peek(1)
                if next == 0x0A || next == 0x0D { self.line += 1 }
                if next == 0x0D && self.peek(2) == 0x0A { self.position += 1 }
                self.position += 2
                continue
            }
            if byte == 0x0A || byte == 0x0D { break }
            self.position += 1
        }
        if !closed { self.diagnostics.append(LexDiagnostic(line: startLine, message: "unterminated string")) }
        self.emit(.string, start, min(self.position, self.bytes.count), startLine)
    }

    /// Scans template characters after a backquote (`continuing == false`) or after the `}` that
    /// closes a substitution, up to the closing backquote or the next `${`.
    private mutating func scanTemplate(start: Int, line startLine: Int, continuing: Bool) {
        while self.position < self.bytes.count {
            let byte = self.bytes[self.position]
            if byte == UInt8(ascii: "`") {
                self.position += 1
                self.emit(continuing ? .templateTail : .templateNoSubstitution, start, self.position, startLine)
                return
            }
            if byte == UInt8(ascii: "$") && self.peek(1) == UInt8(ascii: "{") {
                self.position += 2
                self.braces.append(.template)
                self.emit(continuing ? .templateMiddle : .templateHead, start, self.position, startLine)
                return
            }
            if byte == 0x5C {
                if self.peek(1) == 0x0A { self.line += 1 }
                self.position += 2
                continue
            }
            if byte == 0x0A || (byte == 0x0D && self.peek(1) != 0x0A) { self.line += 1 }
            self.position += 1
        }
        self.position = self.bytes.count
        self.diagnostics.append(LexDiagnostic(line: startLine, message: "unterminated template literal"))
        self.emit(continuing ? .templateTail : .templateNoSubstitution, start, self.position, startLine)
    }

    private mutating func scanRegexOrSlash() {
        let start = self.position
        var index = self.position + 1
        var inClass = false
        while index < self.bytes.count {
            let byte = self.bytes[index]
            if byte == 0x0A || byte == 0x0D { break }
            if byte == 0x5C {
                index += 2
                continue
            }
            if byte == UInt8(ascii: "[") {
                inClass = true
            } else if byte == UInt8(ascii: "]") {
                inClass = false
            } else if byte == UInt8(ascii: "/") && !inClass {
                index += 1
                while index < self.bytes.count && self.isIdentifierPart(self.bytes[index]) { index += 1 }
                self.position = index
                self.emit(.regex, start, index, self.line)
                return
            }
            index += 1
        }
        // No closing slash on this line: not a regular expression after all.
        self.scanPunctuator()
    }

    private mutating func scanNumber() {
        let start = self.position
        var sawDot = false
        var sawExponent = false
        let hexOrBinary = self.bytes[self.position] == UInt8(ascii: "0")
            && [UInt8(ascii: "x"), UInt8(ascii: "X"), UInt8(ascii: "b"), UInt8(ascii: "B"), UInt8(ascii: "o"), UInt8(ascii: "O")]
                .contains(self.peek(1))
        while self.position < self.bytes.count {
            let byte = self.bytes[self.position]
            if byte == UInt8(ascii: ".") {
                // `1..toString()` is the number `1.` followed by a member access.
                if sawDot || sawExponent || hexOrBinary { break }
                sawDot = true
                self.position += 1
                continue
            }
            if (byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")) && !hexOrBinary {
                sawExponent = true
                self.position += 1
                if self.peek(0) == UInt8(ascii: "+") || self.peek(0) == UInt8(ascii: "-") { self.position += 1 }
                continue
            }
            guard self.isIdentifierPart(byte) && byte < 0x80 && byte != 0x5C else { break }
            self.position += 1
        }
        self.emit(.number, start, self.position, self.line)
    }

    /// Punctuators longest first, so the first prefix match is the right one.
    private static let punctuators: [[UInt8]] = [
        ">>>=", "...", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=", "||=", "??=",
        "=>", "==", "!=", "<=", ">=", "&&", "||", "??", "?.", "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=",
        "^=", "**", "<<", ">>",
    ].map { Array($0.utf8) }

    private mutating func scanPunctuator() {
        let start = self.position
        for candidate in Self.punctuators where self.matches(candidate) {
            // `?.5` is a conditional followed by a number, not optional chaining.
            if candidate == Array("?.".utf8) && self.isDigit(self.peek(2)) { continue }
            self.position += candidate.count
            self.emit(.punctuator, start, self.position, self.line)
            return
        }
        self.position += 1
        self.emit(.punctuator, start, self.position, self.line)
    }

    private func matches(_ candidate: [UInt8]) -> Bool {
        guard self.position + candidate.count <= self.bytes.count else { return false }
        for (offset, byte) in candidate.enumerated() where self.bytes[self.position + offset] != byte { return false }
        return true
    }

    // MARK: - JSX

    private func startsJSXElement() -> Bool {
        var index = self.position + 1
        while index < self.bytes.count && (self.bytes[index] == 0x20 || self.bytes[index] == 0x09) { index += 1 }
        guard index < self.bytes.count else { return false }
        let byte = self.bytes[index]
        return byte == UInt8(ascii: ">") || (self.isIdentifierStart(byte) && byte != 0x5C)
    }

    private mutating func skipJSXSpace() {
        while self.position < self.bytes.count {
            let byte = self.bytes[self.position]
            if byte == 0x0A {
                self.line += 1
                self.position += 1
            } else if byte == 0x20 || byte == 0x09 || byte == 0x0D {
                self.position += 1
            } else if byte == UInt8(ascii: "/") && self.peek(1) == UInt8(ascii: "*") {
                self.scanBlockComment()
            } else if byte == UInt8(ascii: "/") && self.peek(1) == UInt8(ascii: "/") {
                self.scanLineComment()
            } else {
                return
            }
        }
    }

    private mutating func scanJSXName() {
        let start = self.position
        while self.position < self.bytes.count {
            let byte = self.bytes[self.position]
            guard self.isIdentifierPart(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ":")
                || byte == UInt8(ascii: ".")
            else { break }
            self.position += 1
        }
        if self.position > start { self.emit(.identifier, start, self.position, self.line) }
    }

    private mutating func emitJSXPunctuator() {
        self.emit(.punctuator, self.position, self.position + 1, self.line)
        self.position += 1
    }

    private mutating func scanJSXExpression() {
        // At `{`: lex ordinary tokens until the matching `}`.
        self.braces.append(.jsxExpression)
        self.emit(.punctuator, self.position, self.position + 1, self.line)
        self.position += 1
        self.run(untilBraceDepth: self.braces.count - 1)
    }

    /// Scans one JSX element or fragment starting at `<`, including its children and closing tag.
    private mutating func scanJSXElement() {
        self.emitJSXPunctuator()  // <
        self.skipJSXSpace()
        let fragment = self.peek(0) == UInt8(ascii: ">")
        if !fragment { self.scanJSXName() }
        // Attributes.
        while self.position < self.bytes.count {
            self.skipJSXSpace()
            let byte = self.peek(0)
            if byte == UInt8(ascii: "/") && self.peek(1) == UInt8(ascii: ">") {
                self.emitJSXPunctuator()
                self.emitJSXPunctuator()
                return
            }
            if byte == UInt8(ascii: ">") {
                self.emitJSXPunctuator()
                break
            }
            if byte == UInt8(ascii: "{") {
                self.scanJSXExpression()
                continue
            }
            if byte == UInt8(ascii: "=") {
                self.emitJSXPunctuator()
                self.skipJSXSpace()
                let value = self.peek(0)
                if value == UInt8(ascii: "\"") || value == UInt8(ascii: "'") {
                    self.scanJSXAttributeString(quote: value)
                } else if value == UInt8(ascii: "{") {
                    self.scanJSXExpression()
                } else if value == UInt8(ascii: "<") {
                    self.scanJSXElement()
                }
                continue
            }
            let before = self.position
            self.scanJSXName()
            if self.position == before {
                // Not valid JSX; give up on the element and let the main loop continue.
                self.diagnostics.append(LexDiagnostic(line: self.line, message: "unexpected character in JSX tag"))
                self.position += 1
                return
            }
        }
        // Children up to the closing tag.
        while self.position < self.bytes.count {
            let byte = self.peek(0)
            if byte == UInt8(ascii: "{") {
                self.scanJSXExpression()
                continue
            }
            if byte == UInt8(ascii: "<") {
                var index = self.position + 1
                while index < self.bytes.count && (self.bytes[index] == 0x20 || self.bytes[index] == 0x09) { index += 1 }
                if index < self.bytes.count && self.bytes[index] == UInt8(ascii: "/") {
                    self.emitJSXPunctuator()  // <
                    self.skipJSXSpace()
                    self.emitJSXPunctuator()  // /
                    self.skipJSXSpace()
                    self.scanJSXName()
                    self.skipJSXSpace()
                    if self.peek(0) == UInt8(ascii: ">") { self.emitJSXPunctuator() }
                    return
                }
                self.scanJSXElement()
                continue
            }
            let start = self.position
            let startLine = self.line
            while self.position < self.bytes.count && self.bytes[self.position] != UInt8(ascii: "{")
                && self.bytes[self.position] != UInt8(ascii: "<")
            {
                if self.bytes[self.position] == 0x0A { self.line += 1 }
                self.position += 1
            }
            self.emit(.jsxText, start, self.position, startLine)
        }
        self.diagnostics.append(LexDiagnostic(line: self.line, message: "unterminated JSX element"))
    }

    private mutating func scanJSXAttributeString(quote: UInt8) {
        let start = self.position
        let startLine = self.line
        self.position += 1
        while self.position < self.bytes.count && self.bytes[self.position] != quote {
            if self.bytes[self.position] == 0x0A { self.line += 1 }
            self.position += 1
        }
        self.position = min(self.position + 1, self.bytes.count)
        self.emit(.string, start, self.position, startLine)
    }
}
