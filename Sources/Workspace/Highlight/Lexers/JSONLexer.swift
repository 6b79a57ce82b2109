/// JSON (with JSONC comments, as in tsconfig.json): keys as properties, strings with escapes,
/// numbers, `true`/`false`/`null`, punctuation; anything else is `invalid`.
struct JSONLexer {
    mutating func lex(_ scanner: inout LineScanner, _ state: inout LexerState) {
        while !scanner.atEnd {
            if case .blockComment? = state.top {
                let start = scanner.position
                while !scanner.atEnd && !scanner.matches("*/") { scanner.position += 1 }
                if !scanner.atEnd {
                    scanner.position += 2
                    state.pop()
                }
                scanner.emit(.comment, from: start)
                continue
            }
            scanner.skipWhitespace()
            if scanner.atEnd { return }
            let byte = scanner.peek()
            if scanner.matches("//") {
                scanner.take(scanner.bytes.count - scanner.position, as: .comment)
                return
            }
            if scanner.matches("/*") {
                scanner.take(2, as: .comment)
                state.push(.blockComment(depth: 1))
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                self.lexString(&scanner)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let start = scanner.position
                if byte == UInt8(ascii: "-") { scanner.position += 1 }
                scanner.scanNumber()
                if let last = scanner.tokens.last, last.range.upperBound == scanner.position {
                    scanner.tokens[scanner.tokens.count - 1].range = start..<scanner.position
                } else {
                    scanner.emit(.invalid, from: start)
                }
            case UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: ","), UInt8(ascii: ":"):
                scanner.take(1, as: .punctuation)
            default:
                if LineScanner.isIdentifierStart(byte) {
                    let start = scanner.position
                    while LineScanner.isIdentifierPart(scanner.peek()) { scanner.position += 1 }
                    let word = scanner.text(start..<scanner.position)
                    scanner.emit(["true", "false", "null"].contains(word) ? .constant : .invalid, from: start)
                } else {
                    scanner.take(1, as: .invalid)
                }
            }
        }
    }

    private func lexString(_ scanner: inout LineScanner) {
        let open = scanner.position
        var tokens: [HighlightToken] = []
        var start = scanner.position
        scanner.position += 1
        var closed = false
        while !scanner.atEnd {
            let byte = scanner.peek()
            if byte == UInt8(ascii: "\\") {
                tokens.append(HighlightToken(.string, start..<scanner.position))
                let escapeStart = scanner.position
                scanner.position += scanner.peek(1) == UInt8(ascii: "u") ? 6 : 2
                scanner.position = min(scanner.position, scanner.bytes.count)
                tokens.append(HighlightToken(.escape, escapeStart..<scanner.position))
                start = scanner.position
                continue
            }
            scanner.position += 1
            if byte == UInt8(ascii: "\"") {
                closed = true
                break
            }
        }
        tokens.append(HighlightToken(.string, start..<scanner.position))
        let isKey = closed && scanner.nextNonBlank(from: scanner.position) == UInt8(ascii: ":")
        if isKey {
            scanner.tokens.append(HighlightToken(.property, open..<scanner.position))
        } else {
            for token in tokens where !token.range.isEmpty { scanner.tokens.append(token) }
        }
    }
}
