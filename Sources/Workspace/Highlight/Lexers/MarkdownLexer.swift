/// Markdown (CommonMark's common constructs): ATX and setext headings, fenced code blocks
/// highlighted in their own language, block quotes, list markers and task boxes, rules, and
/// inline code spans, strong and emphasis, links, images, autolinks and HTML tags.
struct MarkdownLexer {
    mutating func lex(_ scanner: inout LineScanner, _ state: inout LexerState) {
        if case .fence(let language, let marker, let length, let inner)? = state.top {
            if Self.closesFence(scanner.bytes, marker: marker, length: length) {
                scanner.take(scanner.bytes.count, as: .code)
                state.pop()
                return
            }
            guard let language, language != .markdown else {
                scanner.take(scanner.bytes.count, as: .code)
                return
            }
            let line = String(decoding: scanner.bytes, as: UTF8.self)
            let (tokens, next) = Highlighter(language: language).highlight(line, state: inner)
            scanner.tokens = tokens
            state.replaceTop(.fence(language: language, marker: marker, length: length, inner: next))
            return
        }
        var indent = 0
        while indent < scanner.bytes.count && scanner.bytes[indent] == UInt8(ascii: " ") { indent += 1 }
        if indent >= 4 { return }
        scanner.position = indent
        // Fenced code.
        let first = scanner.peek()
        if first == UInt8(ascii: "`") || first == UInt8(ascii: "~") {
            var length = 0
            while scanner.peek(length) == first { length += 1 }
            if length >= 3 {
                let info = String(decoding: scanner.bytes[(scanner.position + length)...], as: UTF8.self)
                if first == UInt8(ascii: "~") || !info.contains("`") {
                    let trimmed = info.split(separator: " ", omittingEmptySubsequences: true).first.map(String.init) ?? ""
                    scanner.take(scanner.bytes.count - scanner.position, as: .code)
                    state.push(.fence(language: Language.fromFenceInfo(trimmed), marker: first, length: length, inner: .initial))
                    return
                }
            }
        }
        // ATX heading.
        if first == UInt8(ascii: "#") {
            var level = 0
            while scanner.peek(level) == UInt8(ascii: "#") { level += 1 }
            let after = scanner.peek(level)
            if level <= 6 && (after == 0 || after == UInt8(ascii: " ") || after == UInt8(ascii: "\t")) {
                scanner.take(scanner.bytes.count - scanner.position, as: .heading)
                return
            }
        }
        // Setext underline and thematic breaks.
        if let rule = Self.ruleKind(scanner.bytes[scanner.position...]) {
            scanner.take(scanner.bytes.count - scanner.position, as: rule)
            return
        }
        // Block quotes, then a list marker.
        while scanner.peek() == UInt8(ascii: ">") {
            scanner.take(1, as: .quote)
            if scanner.peek() == UInt8(ascii: " ") { scanner.position += 1 }
        }
        scanner.skipWhitespace()
        self.lexListMarker(&scanner)
        self.lexInline(&scanner)
    }

    private func lexListMarker(_ scanner: inout LineScanner) {
        let byte = scanner.peek()
        var length = 0
        if (byte == UInt8(ascii: "-") || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "+")) && scanner.peek(1) == UInt8(ascii: " ") {
            length = 1
        } else if LineScanner.isDigit(byte) {
            var digits = 0
            while LineScanner.isDigit(scanner.peek(digits)) && digits < 9 { digits += 1 }
            let punctuation = scanner.peek(digits)
            if (punctuation == UInt8(ascii: ".") || punctuation == UInt8(ascii: ")")) && scanner.peek(digits + 1) == UInt8(ascii: " ") {
                length = digits + 1
            }
        }
        guard length > 0 else { return }
        scanner.take(length, as: .listMarker)
        scanner.skipWhitespace()
        if scanner.peek() == UInt8(ascii: "["), scanner.peek(2) == UInt8(ascii: "]"),
            [UInt8(ascii: " "), UInt8(ascii: "x"), UInt8(ascii: "X")].contains(scanner.peek(1))
        {
            scanner.take(3, as: .listMarker)
        }
    }

    private func lexInline(_ scanner: inout LineScanner) {
        while !scanner.atEnd {
            let byte = scanner.peek()
            switch byte {
            case UInt8(ascii: "\\"):
                let next = scanner.peek(1)
                if next != 0 && next < 0x80 && !LineScanner.isIdentifierPart(next) && next != UInt8(ascii: " ") {
                    scanner.take(2, as: .escape)
                } else {
                    scanner.position += 1
                }
            case UInt8(ascii: "`"):
                var run = 0
                while scanner.peek(run) == UInt8(ascii: "`") { run += 1 }
                if let end = self.find(scanner, run: UInt8(ascii: "`"), length: run, from: scanner.position + run) {
                    scanner.take(end + run - scanner.position, as: .code)
                } else {
                    scanner.position += run
                }
            case UInt8(ascii: "*"), UInt8(ascii: "_"):
                let double = scanner.peek(1) == byte
                let length = double ? 2 : 1
                let opensWord = scanner.position == 0 || byte == UInt8(ascii: "*")
                    || !LineScanner.isIdentifierPart(scanner.bytes[scanner.position - 1])
                let next = scanner.peek(length)
                if opensWord && next != 0 && next != UInt8(ascii: " "),
                    let end = self.find(scanner, run: byte, length: length, from: scanner.position + length + 1)
                {
                    scanner.take(end + length - scanner.position, as: double ? .strong : .emphasis)
                } else {
                    scanner.position += length
                }
            case UInt8(ascii: "!"), UInt8(ascii: "["):
                let bracket = byte == UInt8(ascii: "!") ? 1 : 0
                guard scanner.peek(bracket) == UInt8(ascii: "["),
                    let close = scanner.bytes[(scanner.position + bracket)...].firstIndex(of: UInt8(ascii: "]"))
                else {
                    scanner.position += 1
                    continue
                }
                let textLength = close + 1 - scanner.position
                if close + 1 < scanner.bytes.count && scanner.bytes[close + 1] == UInt8(ascii: "("),
                    let paren = scanner.bytes[(close + 1)...].firstIndex(of: UInt8(ascii: ")"))
                {
                    scanner.take(textLength, as: .link)
                    scanner.take(paren + 1 - scanner.position, as: .string)
                } else if close + 1 < scanner.bytes.count && scanner.bytes[close + 1] == UInt8(ascii: ":") {
                    scanner.take(textLength + 1, as: .link)
                    scanner.skipWhitespace()
                    scanner.take(scanner.bytes.count - scanner.position, as: .string)
                } else {
                    scanner.position += 1
                }
            case UInt8(ascii: "<"):
                guard let close = scanner.bytes[scanner.position...].firstIndex(of: UInt8(ascii: ">")) else {
                    scanner.position += 1
                    continue
                }
                let inner = String(decoding: scanner.bytes[(scanner.position + 1)..<close], as: UTF8.self)
                if inner.hasPrefix("http://") || inner.hasPrefix("https://") || inner.hasPrefix("mailto:") {
                    scanner.take(close + 1 - scanner.position, as: .link)
                } else if let first = inner.utf8.first, LineScanner.isIdentifierStart(first) || first == UInt8(ascii: "/") || first == UInt8(ascii: "!") {
                    scanner.take(close + 1 - scanner.position, as: .tag)
                } else {
                    scanner.position += 1
                }
            default:
                scanner.position += 1
            }
        }
    }

    /// The index of the next run of exactly `length` × `run` at or after `from`.
    private func find(_ scanner: LineScanner, run: UInt8, length: Int, from: Int) -> Int? {
        var index = from
        let bytes = scanner.bytes
        while index + length <= bytes.count {
            if bytes[index] == run {
                var count = 0
                while index + count < bytes.count && bytes[index + count] == run { count += 1 }
                if count == length && (run == UInt8(ascii: "`") || bytes[index - 1] != UInt8(ascii: " ")) { return index }
                index += count
            } else {
                index += 1
            }
        }
        return nil
    }

    private static func closesFence(_ bytes: [UInt8], marker: UInt8, length: Int) -> Bool {
        var index = 0
        while index < bytes.count && index < 3 && bytes[index] == UInt8(ascii: " ") { index += 1 }
        var count = 0
        while index < bytes.count && bytes[index] == marker {
            count += 1
            index += 1
        }
        guard count >= length else { return false }
        return bytes[index...].allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == 0x0D }
    }

    /// `heading` for `===` underlines, `listMarker` for `---`, `***`, `___` rules, else nil.
    private static func ruleKind(_ bytes: ArraySlice<UInt8>) -> TokenKind? {
        let significant = bytes.filter { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") && $0 != 0x0D }
        guard significant.count >= 3 || (significant.count >= 1 && significant.first == UInt8(ascii: "=")),
            let first = significant.first, significant.allSatisfy({ $0 == first })
        else { return nil }
        switch first {
        case UInt8(ascii: "="): return .heading
        case UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "_"): return .listMarker
        default: return nil
        }
    }
}
