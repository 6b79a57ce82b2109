/// A line lexer for JavaScript, TypeScript (with JSX), Swift and Python, driven by
/// `CodeSyntax`. Multi-line constructs live in `LexerState`: block comments (nested in Swift),
/// template literals and triple-quoted strings with their interpolations, strings continued
/// with a trailing backslash, and JSX tags and children.
struct CodeLexer {
    let syntax: CodeSyntax
    /// Whether an expression may start here (regex literal, JSX tag) rather than an operator.
    private var expressionAllowed = true
    private var afterDot = false
    private var pendingDefinition: TokenKind?

    init(_ syntax: CodeSyntax) { self.syntax = syntax }

    /// Lexes one line starting in `state`, leaving the state for the next line.
    mutating func lex(_ scanner: inout LineScanner, _ state: inout LexerState) {
        self.expressionAllowed = true
        while !scanner.atEnd {
            switch state.top {
            case .blockComment(let depth)?:
                self.lexBlockComment(&scanner, &state, depth: depth)
            case .string(let style)?:
                self.lexString(&scanner, &state, style)
            case .jsxTag(let closing)?:
                self.lexJSXTag(&scanner, &state, closing: closing)
            case .jsxChildren?:
                self.lexJSXChildren(&scanner, &state)
            case .fence?:
                state.pop()
            case .interpolation?, nil:
                self.lexCode(&scanner, &state)
            }
        }
        // A single-line string left open ends here unless continued with a backslash.
        if case .string(var style)? = state.top, !style.spansLines {
            if scanner.bytes.last == UInt8(ascii: "\\") && !style.raw {
                style.continued = true
                state.replaceTop(.string(style))
            } else {
                state.pop()
            }
        }
    }

    // MARK: - Comments and strings

    private func lexBlockComment(_ scanner: inout LineScanner, _ state: inout LexerState, depth: Int) {
        let start = scanner.position
        var depth = depth
        while !scanner.atEnd {
            if scanner.matches("*/") {
                scanner.position += 2
                depth -= 1
                if depth == 0 {
                    scanner.emit(.comment, from: start)
                    state.pop()
                    return
                }
            } else if self.syntax.nestedComments && scanner.matches("/*") {
                scanner.position += 2
                depth += 1
            } else {
                scanner.position += 1
            }
        }
        scanner.emit(.comment, from: start)
        state.replaceTop(.blockComment(depth: depth))
    }

    private mutating func lexString(_ scanner: inout LineScanner, _ state: inout LexerState, _ style: StringStyle) {
        var start = scanner.position
        let quote = style.quote
        while !scanner.atEnd {
            let byte = scanner.peek()
            if byte == UInt8(ascii: "\\") && !style.raw {
                // In a Swift raw string only `\#` (as many hashes as the delimiter) escapes.
                var hashes = 0
                while hashes < style.hashes && scanner.peek(1 + hashes) == UInt8(ascii: "#") { hashes += 1 }
                if hashes == style.hashes {
                    let next = scanner.peek(1 + hashes)
                    if style.interpolation == .backslashParen && next == UInt8(ascii: "(") {
                        scanner.emit(.string, from: start)
                        scanner.take(2 + hashes, as: .punctuation)
                        state.push(.interpolation(closer: UInt8(ascii: ")"), depth: 0))
                        self.expressionAllowed = true
                        return
                    }
                    if next == 0 {
                        scanner.position += 1 + hashes
                        break
                    }
                    scanner.emit(.string, from: start)
                    let escapeStart = scanner.position
                    scanner.position += 2 + hashes
                    if (next == UInt8(ascii: "u") || next == UInt8(ascii: "x")) && scanner.peek() == UInt8(ascii: "{") {
                        while !scanner.atEnd && scanner.peek() != UInt8(ascii: "}") { scanner.position += 1 }
                        if !scanner.atEnd { scanner.position += 1 }
                    } else if next == UInt8(ascii: "u") {
                        var count = 0
                        while count < 4 && Self.isHex(scanner.peek()) { scanner.position += 1; count += 1 }
                    } else if next == UInt8(ascii: "x") {
                        var count = 0
                        while count < 2 && Self.isHex(scanner.peek()) { scanner.position += 1; count += 1 }
                    }
                    scanner.emit(.escape, from: escapeStart)
                    start = scanner.position
                    continue
                }
            }
            if style.interpolation == .dollarBrace && byte == UInt8(ascii: "$") && scanner.peek(1) == UInt8(ascii: "{") {
                scanner.emit(.string, from: start)
                scanner.take(2, as: .punctuation)
                state.push(.interpolation(closer: UInt8(ascii: "}"), depth: 0))
                self.expressionAllowed = true
                return
            }
            if byte == quote {
                let quotes = style.triple ? 3 : 1
                var closes = true
                for offset in 0..<quotes where scanner.peek(offset) != quote { closes = false }
                for offset in 0..<style.hashes where scanner.peek(quotes + offset) != UInt8(ascii: "#") { closes = false }
                if closes {
                    scanner.position += quotes + style.hashes
                    scanner.emit(.string, from: start)
                    state.pop()
                    self.expressionAllowed = false
                    return
                }
            }
            scanner.position += 1
        }
        scanner.emit(.string, from: start)
    }

    /// Opens a string at the cursor if one starts here (with prefixes, hashes, triple quotes).
    private mutating func openString(_ scanner: inout LineScanner, _ state: inout LexerState) -> Bool {
        let start = scanner.position
        var offset = 0
        var raw = false
        var hashes = 0
        if self.syntax.stringPrefixes {
            while offset < 2, Self.isStringPrefix(scanner.peek(offset)) {
                if scanner.peek(offset) | 0x20 == UInt8(ascii: "r") { raw = true }
                offset += 1
            }
            let next = scanner.peek(offset)
            if offset > 0 && next != UInt8(ascii: "\"") && next != UInt8(ascii: "'") { return false }
        }
        if self.syntax.rawHashStrings {
            while scanner.peek(offset + hashes) == UInt8(ascii: "#") { hashes += 1 }
            if hashes > 0 && scanner.peek(offset + hashes) != UInt8(ascii: "\"") { return false }
            offset += hashes
        }
        let quote = scanner.peek(offset)
        let isQuote =
            quote == UInt8(ascii: "\"") || (quote == UInt8(ascii: "'") && self.syntax.singleQuoteStrings)
            || (quote == UInt8(ascii: "`") && self.syntax.templateStrings)
        guard isQuote else { return false }
        var style = StringStyle(quote: quote, hashes: hashes, raw: raw)
        if quote == UInt8(ascii: "`") {
            style.template = true
            style.interpolation = .dollarBrace
        } else if self.syntax.tripleQuotes && scanner.peek(offset + 1) == quote && scanner.peek(offset + 2) == quote
            && (quote == UInt8(ascii: "\"") || self.syntax.singleQuoteStrings)
        {
            style.triple = true
            offset += 2
        }
        if self.syntax.backslashInterpolation { style.interpolation = .backslashParen }
        scanner.position = start + offset + 1
        scanner.emit(.string, from: start)
        state.push(.string(style))
        return true
    }

    // MARK: - Code

    private mutating func lexCode(_ scanner: inout LineScanner, _ state: inout LexerState) {
        scanner.skipWhitespace()
        if scanner.atEnd { return }
        let byte = scanner.peek()
        if case .interpolation(let closer, let depth)? = state.top {
            let opener = closer == UInt8(ascii: "}") ? UInt8(ascii: "{") : UInt8(ascii: "(")
            if byte == closer {
                scanner.take(1, as: .punctuation)
                if depth == 0 {
                    state.pop()
                } else {
                    state.replaceTop(.interpolation(closer: closer, depth: depth - 1))
                }
                self.expressionAllowed = false
                self.afterDot = false
                return
            }
            if byte == opener {
                state.replaceTop(.interpolation(closer: closer, depth: depth + 1))
            }
        }
        let wasAfterDot = self.afterDot
        self.afterDot = false
        if scanner.matches(self.syntax.lineComment) {
            scanner.take(scanner.bytes.count - scanner.position, as: .comment)
            return
        }
        if self.syntax.blockComments && scanner.matches("/*") {
            scanner.take(2, as: .comment)
            state.push(.blockComment(depth: 1))
            return
        }
        if self.openString(&scanner, &state) { return }
        if LineScanner.isDigit(byte) || (byte == UInt8(ascii: ".") && LineScanner.isDigit(scanner.peek(1))) {
            scanner.scanNumber()
            self.expressionAllowed = false
            return
        }
        if LineScanner.isIdentifierStart(byte) {
            self.lexIdentifier(&scanner, afterDot: wasAfterDot)
            return
        }
        if self.syntax.decorators && byte == UInt8(ascii: "@") && LineScanner.isIdentifierStart(scanner.peek(1)) {
            let start = scanner.position
            scanner.position += 1
            while LineScanner.isIdentifierPart(scanner.peek()) || (scanner.peek() == UInt8(ascii: ".") && LineScanner.isIdentifierStart(scanner.peek(1))) {
                scanner.position += 1
            }
            scanner.emit(.decorator, from: start)
            return
        }
        if self.syntax.directives && byte == UInt8(ascii: "#") && LineScanner.isIdentifierStart(scanner.peek(1)) {
            let start = scanner.position
            scanner.position += 1
            while LineScanner.isIdentifierPart(scanner.peek()) { scanner.position += 1 }
            scanner.emit(.keyword, from: start)
            return
        }
        if self.syntax.regexLiterals && byte == UInt8(ascii: "/") && self.expressionAllowed && self.lexRegex(&scanner) {
            self.expressionAllowed = false
            return
        }
        if self.syntax.jsx && byte == UInt8(ascii: "<") && self.expressionAllowed
            && (LineScanner.isIdentifierStart(scanner.peek(1)) || scanner.peek(1) == UInt8(ascii: ">"))
        {
            scanner.take(1, as: .punctuation)
            if scanner.peek() == UInt8(ascii: ">") {
                scanner.take(1, as: .punctuation)
                state.push(.jsxChildren)
            } else {
                Self.scanTagName(&scanner)
                state.push(.jsxTag(closing: false))
            }
            return
        }
        if Self.isOperator(byte) {
            let start = scanner.position
            while Self.isOperator(scanner.peek()) && !scanner.matches("//") && !scanner.matches("/*") { scanner.position += 1 }
            if scanner.position == start { scanner.position += 1 }
            scanner.emit(.operator, from: start)
            self.expressionAllowed = true
            return
        }
        switch byte {
        case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","), UInt8(ascii: ";"):
            scanner.take(1, as: .punctuation)
            self.expressionAllowed = true
        case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
            scanner.take(1, as: .punctuation)
            self.expressionAllowed = false
        case UInt8(ascii: "."):
            scanner.take(1, as: .punctuation)
            self.afterDot = true
        default:
            scanner.position += 1
        }
    }

    private mutating func lexIdentifier(_ scanner: inout LineScanner, afterDot: Bool) {
        let start = scanner.position
        while LineScanner.isIdentifierPart(scanner.peek()) { scanner.position += 1 }
        let word = scanner.text(start..<scanner.position)
        let nextIsCall = scanner.nextNonBlank(from: scanner.position) == UInt8(ascii: "(")
        self.expressionAllowed = false
        if afterDot {
            scanner.emit(nextIsCall ? .function : .property, from: start)
            return
        }
        if let pending = self.pendingDefinition, !self.syntax.keywords.contains(word) {
            self.pendingDefinition = nil
            scanner.emit(pending, from: start)
            return
        }
        self.pendingDefinition = nil
        if self.syntax.keywords.contains(word) {
            scanner.emit(.keyword, from: start)
            self.pendingDefinition = self.syntax.definitions[word]
            self.expressionAllowed = self.syntax.expressionKeywords.contains(word) || self.syntax.expressionKeywords.isEmpty
            return
        }
        if self.syntax.constants.contains(word) {
            scanner.emit(.constant, from: start)
        } else if self.syntax.builtinTypes.contains(word) {
            scanner.emit(nextIsCall ? .function : .type, from: start)
        } else if nextIsCall {
            scanner.emit(.function, from: start)
        } else if self.syntax.capitalizedAreTypes, let first = word.utf8.first, first >= 0x41 && first <= 0x5A {
            scanner.emit(.type, from: start)
        }
    }

    /// Scans `/…/flags` at the cursor; false (cursor unchanged) when no closing slash is on
    /// this line.
    private func lexRegex(_ scanner: inout LineScanner) -> Bool {
        if scanner.peek(1) == UInt8(ascii: "/") || scanner.peek(1) == UInt8(ascii: "*") { return false }
        var index = scanner.position + 1
        var inClass = false
        while index < scanner.bytes.count {
            let byte = scanner.bytes[index]
            if byte == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if byte == UInt8(ascii: "[") { inClass = true }
            if byte == UInt8(ascii: "]") { inClass = false }
            if byte == UInt8(ascii: "/") && !inClass {
                index += 1
                while index < scanner.bytes.count && LineScanner.isIdentifierPart(scanner.bytes[index]) { index += 1 }
                scanner.take(index - scanner.position, as: .regex)
                return true
            }
            index += 1
        }
        return false
    }

    // MARK: - JSX

    private mutating func lexJSXTag(_ scanner: inout LineScanner, _ state: inout LexerState, closing: Bool) {
        scanner.skipWhitespace()
        if scanner.atEnd { return }
        let byte = scanner.peek()
        if byte == UInt8(ascii: "/") && scanner.peek(1) == UInt8(ascii: ">") {
            scanner.take(2, as: .punctuation)
            state.pop()
            self.expressionAllowed = false
            return
        }
        if byte == UInt8(ascii: ">") {
            scanner.take(1, as: .punctuation)
            state.pop()
            if closing {
                if case .jsxChildren? = state.top { state.pop() }
                self.expressionAllowed = false
            } else {
                state.push(.jsxChildren)
            }
            return
        }
        if byte == UInt8(ascii: "{") {
            scanner.take(1, as: .punctuation)
            state.push(.interpolation(closer: UInt8(ascii: "}"), depth: 0))
            self.expressionAllowed = true
            return
        }
        if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
            let start = scanner.position
            scanner.position += 1
            while !scanner.atEnd && scanner.peek() != byte { scanner.position += 1 }
            if !scanner.atEnd { scanner.position += 1 }
            scanner.emit(.string, from: start)
            return
        }
        if LineScanner.isIdentifierStart(byte) {
            let start = scanner.position
            while LineScanner.isIdentifierPart(scanner.peek()) || scanner.peek() == UInt8(ascii: "-") || scanner.peek() == UInt8(ascii: ":") {
                scanner.position += 1
            }
            scanner.emit(.attribute, from: start)
            return
        }
        if byte == UInt8(ascii: "=") {
            scanner.take(1, as: .operator)
            return
        }
        scanner.position += 1
    }

    private mutating func lexJSXChildren(_ scanner: inout LineScanner, _ state: inout LexerState) {
        while !scanner.atEnd {
            let byte = scanner.peek()
            if byte == UInt8(ascii: "{") {
                scanner.take(1, as: .punctuation)
                state.push(.interpolation(closer: UInt8(ascii: "}"), depth: 0))
                self.expressionAllowed = true
                return
            }
            if byte == UInt8(ascii: "<") {
                if scanner.peek(1) == UInt8(ascii: "/") {
                    scanner.take(2, as: .punctuation)
                    if scanner.peek() == UInt8(ascii: ">") {
                        scanner.take(1, as: .punctuation)
                        state.pop()
                        self.expressionAllowed = false
                        return
                    }
                    Self.scanTagName(&scanner)
                    state.push(.jsxTag(closing: true))
                    return
                }
                if LineScanner.isIdentifierStart(scanner.peek(1)) {
                    scanner.take(1, as: .punctuation)
                    Self.scanTagName(&scanner)
                    state.push(.jsxTag(closing: false))
                    return
                }
                if scanner.peek(1) == UInt8(ascii: ">") {
                    scanner.take(2, as: .punctuation)
                    state.push(.jsxChildren)
                    return
                }
            }
            scanner.position += 1
        }
    }

    private static func scanTagName(_ scanner: inout LineScanner) {
        let start = scanner.position
        while LineScanner.isIdentifierPart(scanner.peek()) || scanner.peek() == UInt8(ascii: ".")
            || scanner.peek() == UInt8(ascii: "-") || scanner.peek() == UInt8(ascii: ":")
        {
            scanner.position += 1
        }
        scanner.emit(.tag, from: start)
    }

    // MARK: - Bytes

    private static func isOperator(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "/"), UInt8(ascii: "%"),
            UInt8(ascii: "="), UInt8(ascii: "&"), UInt8(ascii: "|"), UInt8(ascii: "^"), UInt8(ascii: "!"),
            UInt8(ascii: "~"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "?"), UInt8(ascii: ":"):
            return true
        default:
            return false
        }
    }

    private static func isHex(_ byte: UInt8) -> Bool {
        LineScanner.isDigit(byte) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "f"))
    }

    private static func isStringPrefix(_ byte: UInt8) -> Bool {
        switch byte | 0x20 {
        case UInt8(ascii: "r"), UInt8(ascii: "b"), UInt8(ascii: "u"), UInt8(ascii: "f"): return true
        default: return false
        }
    }
}
