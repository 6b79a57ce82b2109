/// The recursive-descent reader behind `TOML.parse`. Works on UTF-8 bytes; keeps the line and the
/// start of the line so every error and every key gets a line and column.
struct TOMLParser {
    private let bytes: [UInt8]
    private let file: String
    private var index = 0
    private var line = 1
    private var lineStart = 0

    /// Tables created by a `[header]` (a second header for the same table is an error).
    private var explicitTables: Set<[String]> = []
    /// Inline tables and arrays written as values: closed to later headers and dotted keys.
    private var frozen: Set<[String]> = []

    init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    // MARK: - Document

    mutating func parseDocument() throws(ConfigurationError) -> TOMLTable {
        var root = TOMLTable(file: self.file)
        var current: [String] = []
        while true {
            self.skipWhitespaceCommentsAndNewlines()
            guard let byte = self.peek() else { break }
            if byte == UInt8(ascii: "[") {
                let isArray = self.peek(1) == UInt8(ascii: "[")
                let headerLine = self.line
                let headerColumn = self.column
                self.index += isArray ? 2 : 1
                self.skipSpaces()
                let path = try self.parseKeyPath()
                self.skipSpaces()
                try self.expect("]", "expected ']' to close the table header")
                if isArray { try self.expect("]", "expected ']]' to close the array-of-tables header") }
                try self.expectEndOfLine()
                if isArray {
                    current = try self.appendArrayTable(&root, path, line: headerLine, column: headerColumn)
                } else {
                    current = try self.defineTable(&root, path, line: headerLine, column: headerColumn)
                }
            } else {
                try self.parseKeyValue(into: &root, at: current)
                try self.expectEndOfLine()
            }
        }
        return root
    }

    /// `[a.b]`: creates (or completes an implicitly created) table and returns its resolved path.
    private mutating func defineTable(_ root: inout TOMLTable, _ path: [String], line: Int, column: Int)
        throws(ConfigurationError) -> [String]
    {
        let resolved = try self.resolve(&root, path, line: line, column: column, createLast: true)
        if self.explicitTables.contains(resolved) {
            throw ConfigurationError(
                .duplicateKey, "the table [\(path.joined(separator: "."))] is defined twice", file: self.file,
                line: line, column: column)
        }
        self.explicitTables.insert(resolved)
        return resolved
    }

    /// `[[a.b]]`: appends a new table to the array at `path` and returns the path to it.
    private mutating func appendArrayTable(_ root: inout TOMLTable, _ path: [String], line: Int, column: Int)
        throws(ConfigurationError) -> [String]
    {
        let parent = try self.resolve(&root, Array(path.dropLast()), line: line, column: column, createLast: true)
        let last = path[path.count - 1]  // safe: parseKeyPath never returns an empty path
        var failure: ConfigurationError?
        let file = self.file
        let frozen = self.frozen
        var count = 0
        Self.modify(&root, parent) { table in
            if let existing = table[last] {
                guard case .array(var elements) = existing, frozen.contains(parent + [last]) == false,
                    elements.allSatisfy({ $0.tableValue != nil })
                else {
                    failure = ConfigurationError(
                        .duplicateKey, "\"\(last)\" is already defined and is not an array of tables", file: file,
                        line: line, column: column)
                    return
                }
                elements.append(.table(TOMLTable(file: file)))
                count = elements.count
                table.replaceValue(last, .array(elements))
            } else {
                table.set(last, .array([.table(TOMLTable(file: file))]), line: line, column: column)
                count = 1
            }
        }
        if let failure { throw failure }
        return parent + [last, Self.indexStep(count - 1)]
    }

    /// Walks `path` from the root, creating missing tables; array-of-tables components step into
    /// the last element. Returns the path with array steps made explicit (`#index`).
    private mutating func resolve(_ root: inout TOMLTable, _ path: [String], line: Int, column: Int, createLast: Bool)
        throws(ConfigurationError) -> [String]
    {
        var resolved: [String] = []
        for (position, key) in path.enumerated() {
            let explicitStep = position + 1 < path.count && path[position + 1].hasPrefix(Self.indexPrefix)
            if key.hasPrefix(Self.indexPrefix) {
                resolved.append(key)
                continue
            }
            if self.frozen.contains(resolved + [key]) {
                throw ConfigurationError(
                    .duplicateKey, "\"\(key)\" was written as an inline value and cannot be extended", file: self.file,
                    line: line, column: column)
            }
            var failure: ConfigurationError?
            var step: [String] = [key]
            let file = self.file
            Self.modify(&root, resolved) { table in
                switch table[key] {
                case nil:
                    table.set(key, .table(TOMLTable(file: file)), line: line, column: column)
                case .table?:
                    break
                case .array(let elements)? where elements.last?.tableValue != nil:
                    if !explicitStep { step = [key, Self.indexStep(elements.count - 1)] }
                case let value?:
                    failure = ConfigurationError(
                        .duplicateKey, "\"\(key)\" is already \(value.typeName), not a table", file: file, line: line,
                        column: column)
                }
            }
            if let failure { throw failure }
            resolved += step
        }
        return resolved
    }

    /// Path steps into an array of tables start with a character no key can contain unescaped.
    private static let indexPrefix = "\u{0}#"

    private static func indexStep(_ index: Int) -> String { Self.indexPrefix + String(index) }

    /// Applies `body` to the table at `path` (with `#index` steps into arrays of tables).
    private static func modify(_ table: inout TOMLTable, _ path: [String], _ body: (inout TOMLTable) -> Void) {
        guard let first = path.first else {
            body(&table)
            return
        }
        let rest = Array(path.dropFirst())
        if let next = rest.first, next.hasPrefix(Self.indexPrefix), let position = Int(next.dropFirst(Self.indexPrefix.count)),
            case .array(var elements)? = table[first], elements.indices.contains(position),
            case .table(var element) = elements[position]
        {
            self.modify(&element, Array(rest.dropFirst()), body)
            elements[position] = .table(element)
            table.replaceValue(first, .array(elements))
            return
        }
        guard case .table(var child)? = table[first] else { return }
        self.modify(&child, rest, body)
        table.replaceValue(first, .table(child))
    }

    // MARK: - Key/value pairs

    private mutating func parseKeyValue(into root: inout TOMLTable, at tablePath: [String])
        throws(ConfigurationError)
    {
        let keyLine = self.line
        let keyColumn = self.column
        let keys = try self.parseKeyPath()
        self.skipSpaces()
        try self.expect("=", "expected '=' after the key \"\(keys.joined(separator: "."))\"")
        self.skipSpaces()
        let valuePath = tablePath + keys
        let value = try self.parseValue(path: valuePath)
        let parent = try self.resolve(&root, tablePath + keys.dropLast(), line: keyLine, column: keyColumn, createLast: true)
        let last = keys[keys.count - 1]  // safe: parseKeyPath never returns an empty path
        var duplicate = false
        Self.modify(&root, parent) { table in
            if table[last] != nil {
                duplicate = true
            } else {
                table.set(last, value, line: keyLine, column: keyColumn)
            }
        }
        if duplicate {
            throw ConfigurationError(
                .duplicateKey, "the key \"\(keys.joined(separator: "."))\" is defined twice", file: self.file,
                line: keyLine, column: keyColumn)
        }
        if value.tableValue != nil || value.arrayValue != nil {
            self.frozen.insert(parent + [last])
        }
    }

    private mutating func parseKeyPath() throws(ConfigurationError) -> [String] {
        var keys: [String] = []
        while true {
            self.skipSpaces()
            keys.append(try self.parseKey())
            self.skipSpaces()
            if self.peek() == UInt8(ascii: ".") {
                self.index += 1
                continue
            }
            return keys
        }
    }

    private mutating func parseKey() throws(ConfigurationError) -> String {
        guard let byte = self.peek() else { throw self.error("expected a key, found the end of the file") }
        if byte == UInt8(ascii: "\"") {
            self.index += 1
            return try self.parseBasicString()
        }
        if byte == UInt8(ascii: "'") {
            self.index += 1
            return try self.parseLiteralString()
        }
        let start = self.index
        while let byte = self.peek(), Self.isBareKeyByte(byte) { self.index += 1 }
        guard self.index > start else {
            throw self.error("expected a key, found \(self.describeCurrent())")
        }
        return String(decoding: self.bytes[start..<self.index], as: UTF8.self)
    }

    private static func isBareKeyByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: "-")
    }

    // MARK: - Values

    private mutating func parseValue(path: [String]) throws(ConfigurationError) -> TOMLValue {
        guard let byte = self.peek() else { throw self.error("expected a value, found the end of the file") }
        switch byte {
        case UInt8(ascii: "\""):
            if self.peek(1) == UInt8(ascii: "\""), self.peek(2) == UInt8(ascii: "\"") {
                self.index += 3
                return .string(try self.parseMultilineBasicString())
            }
            self.index += 1
            return .string(try self.parseBasicString())
        case UInt8(ascii: "'"):
            if self.peek(1) == UInt8(ascii: "'"), self.peek(2) == UInt8(ascii: "'") {
                self.index += 3
                return .string(try self.parseMultilineLiteralString())
            }
            self.index += 1
            return .string(try self.parseLiteralString())
        case UInt8(ascii: "["):
            self.index += 1
            return .array(try self.parseArray(path: path))
        case UInt8(ascii: "{"):
            self.index += 1
            return .table(try self.parseInlineTable(path: path))
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            if self.consume("true") { return .boolean(true) }
            if self.consume("false") { return .boolean(false) }
            throw self.error("expected a value, found \(self.describeCurrent())")
        default:
            return try self.parseNumber()
        }
    }

    private mutating func parseArray(path: [String]) throws(ConfigurationError) -> [TOMLValue] {
        var elements: [TOMLValue] = []
        while true {
            self.skipWhitespaceCommentsAndNewlines()
            if self.peek() == UInt8(ascii: "]") {
                self.index += 1
                return elements
            }
            guard self.peek() != nil else { throw self.error("unterminated array: expected ']'") }
            elements.append(try self.parseValue(path: path + [Self.indexStep(elements.count)]))
            self.skipWhitespaceCommentsAndNewlines()
            if self.peek() == UInt8(ascii: ",") {
                self.index += 1
                continue
            }
            if self.peek() == UInt8(ascii: "]") {
                self.index += 1
                return elements
            }
            if self.peek() == nil { throw self.error("unterminated array: expected ',' or ']'") }
            throw self.error("expected ',' or ']' in the array, found \(self.describeCurrent())")
        }
    }

    private mutating func parseInlineTable(path: [String]) throws(ConfigurationError) -> TOMLTable {
        var table = TOMLTable(file: self.file)
        self.skipSpaces()
        if self.peek() == UInt8(ascii: "}") {
            self.index += 1
            return table
        }
        // Inline tables are parsed into a scratch document so dotted keys work inside them.
        let savedExplicit = self.explicitTables
        let savedFrozen = self.frozen
        self.explicitTables = []
        self.frozen = []
        defer {
            self.explicitTables = savedExplicit
            self.frozen = savedFrozen
        }
        while true {
            self.skipSpaces()
            if self.peek() == UInt8(ascii: "\n") || self.peek() == UInt8(ascii: "\r") {
                throw self.error("inline tables must be on one line; use a [table] section instead")
            }
            try self.parseKeyValue(into: &table, at: [])
            self.skipSpaces()
            if self.peek() == UInt8(ascii: ",") {
                self.index += 1
                continue
            }
            if self.peek() == UInt8(ascii: "}") {
                self.index += 1
                return table
            }
            if self.peek() == UInt8(ascii: "\n") || self.peek() == UInt8(ascii: "\r") || self.peek() == nil {
                throw self.error("inline tables must be on one line; close it with '}' or use a [table] section")
            }
            throw self.error("expected ',' or '}' in the inline table, found \(self.describeCurrent())")
        }
    }

    private mutating func parseNumber() throws(ConfigurationError) -> TOMLValue {
        let start = self.index
        let startColumn = self.column
        while let byte = self.peek(), Self.isNumberByte(byte) { self.index += 1 }
        let text = String(decoding: self.bytes[start..<self.index], as: UTF8.self)
        if text.isEmpty {
            throw self.error("expected a value, found \(self.describeCurrent())")
        }
        if Self.looksLikeDate(text, next: self.peek()) {
            throw ConfigurationError(
                .unsupported, "dates and times are not supported in Seam's configuration files; quote the value",
                file: self.file, line: self.line, column: startColumn)
        }
        var body = Substring(text)
        var negative = false
        if body.first == "+" || body.first == "-" {
            negative = body.first == "-"
            body = body.dropFirst()
        }
        switch body {
        case "inf": return .float(negative ? -.infinity : .infinity)
        case "nan": return .float(.nan)
        default: break
        }
        let invalid = ConfigurationError(
            .syntax, "'\(text)' is not a valid number", file: self.file, line: self.line, column: startColumn)
        if body.contains("__") || body.hasPrefix("_") || body.hasSuffix("_") { throw invalid }
        let digits = body.filter { $0 != "_" }
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where digits.hasPrefix(prefix) {
            guard !negative, text.first != "+", let value = Int(digits.dropFirst(2), radix: radix) else { throw invalid }
            return .integer(value)
        }
        let isFloat = digits.contains(".") || digits.contains("e") || digits.contains("E")
        if digits.count > 1 && digits.hasPrefix("0") && !(isFloat && digits.dropFirst().first.map { ".eE".contains($0) } == true) {
            throw ConfigurationError(
                .syntax, "'\(text)' has a leading zero, which TOML does not allow", file: self.file, line: self.line,
                column: startColumn)
        }
        if isFloat {
            guard digits.first?.isNumber == true, digits.last?.isNumber == true, !digits.contains(".e"), !digits.contains(".E"),
                let value = Double(String(digits))
            else { throw invalid }
            return .float(negative ? -value : value)
        }
        guard let value = Int(String(digits)) else { throw invalid }
        return .integer(negative ? -value : value)
    }

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        Self.isBareKeyByte(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":")
    }

    private static func looksLikeDate(_ text: String, next: UInt8?) -> Bool {
        let characters = Array(text)
        if characters.count >= 5, characters[0..<4].allSatisfy(\.isNumber), characters[4] == "-" { return true }
        if characters.count >= 3, characters[0..<2].allSatisfy(\.isNumber), characters[2] == ":" { return true }
        return false
    }

    // MARK: - Strings

    private mutating func parseBasicString() throws(ConfigurationError) -> String {
        var scalars = String.UnicodeScalarView()
        let start = self.index
        var runStart = start
        func flush(_ parser: TOMLParser, _ end: Int) {
            scalars.append(contentsOf: String(decoding: parser.bytes[runStart..<end], as: UTF8.self).unicodeScalars)
        }
        while true {
            guard let byte = self.peek() else { throw self.error("unterminated string: expected '\"'") }
            if byte == UInt8(ascii: "\n") { throw self.error("unterminated string: a basic string cannot span lines") }
            if byte == UInt8(ascii: "\"") {
                flush(self, self.index)
                self.index += 1
                return String(scalars)
            }
            if byte == UInt8(ascii: "\\") {
                flush(self, self.index)
                self.index += 1
                scalars.append(contentsOf: try self.parseEscape().unicodeScalars)
                runStart = self.index
                continue
            }
            if byte < 0x20 && byte != UInt8(ascii: "\t") {
                throw self.error("control characters must be escaped in strings")
            }
            self.index += 1
        }
    }

    private mutating func parseMultilineBasicString() throws(ConfigurationError) -> String {
        self.skipOneNewline()
        var result = ""
        var runStart = self.index
        while true {
            guard let byte = self.peek() else { throw self.error("unterminated multi-line string: expected '\"\"\"'") }
            if byte == UInt8(ascii: "\""), self.peek(1) == UInt8(ascii: "\""), self.peek(2) == UInt8(ascii: "\"") {
                // Up to two extra quotes before the closing delimiter belong to the string.
                var end = self.index
                self.index += 3
                while self.peek() == UInt8(ascii: "\""), self.index - end < 5 {
                    self.index += 1
                    end += 1
                }
                result += String(decoding: self.bytes[runStart..<end], as: UTF8.self)
                return result
            }
            if byte == UInt8(ascii: "\\") {
                result += String(decoding: self.bytes[runStart..<self.index], as: UTF8.self)
                self.index += 1
                // A backslash at the end of a line trims the newline and following whitespace.
                var probe = self.index
                while probe < self.bytes.count, self.bytes[probe] == UInt8(ascii: " ") || self.bytes[probe] == UInt8(ascii: "\t") {
                    probe += 1
                }
                if probe < self.bytes.count, self.bytes[probe] == UInt8(ascii: "\n") || self.bytes[probe] == UInt8(ascii: "\r") {
                    self.index = probe
                    self.skipWhitespaceAndNewlines()
                } else {
                    result += try self.parseEscape()
                }
                runStart = self.index
                continue
            }
            self.advance()
        }
    }

    private mutating func parseLiteralString() throws(ConfigurationError) -> String {
        let start = self.index
        while true {
            guard let byte = self.peek() else { throw self.error("unterminated string: expected \"'\"") }
            if byte == UInt8(ascii: "\n") { throw self.error("unterminated string: a literal string cannot span lines") }
            if byte == UInt8(ascii: "'") {
                let text = String(decoding: self.bytes[start..<self.index], as: UTF8.self)
                self.index += 1
                return text
            }
            self.index += 1
        }
    }

    private mutating func parseMultilineLiteralString() throws(ConfigurationError) -> String {
        self.skipOneNewline()
        let start = self.index
        while true {
            guard self.peek() != nil else { throw self.error("unterminated multi-line string: expected \"'''\"") }
            if self.peek() == UInt8(ascii: "'"), self.peek(1) == UInt8(ascii: "'"), self.peek(2) == UInt8(ascii: "'") {
                var end = self.index
                self.index += 3
                while self.peek() == UInt8(ascii: "'"), self.index - end < 5 {
                    self.index += 1
                    end += 1
                }
                return String(decoding: self.bytes[start..<end], as: UTF8.self)
            }
            self.advance()
        }
    }

    private mutating func parseEscape() throws(ConfigurationError) -> String {
        guard let byte = self.peek() else { throw self.error("unterminated escape sequence") }
        self.index += 1
        switch byte {
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "e"): return "\u{1B}"
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let count = byte == UInt8(ascii: "u") ? 4 : 8
            guard self.index + count <= self.bytes.count,
                let code = UInt32(String(decoding: self.bytes[self.index..<(self.index + count)], as: UTF8.self), radix: 16),
                let scalar = Unicode.Scalar(code)
            else {
                self.index -= 2
                throw self.error("invalid unicode escape: expected \(count) hex digits naming a scalar value")
            }
            self.index += count
            return String(Character(scalar))
        default:
            self.index -= 2
            throw self.error("unknown escape sequence '\\\(String(decoding: [byte], as: UTF8.self))'")
        }
    }

    // MARK: - Whitespace and positions

    private var column: Int {
        var column = 1
        var probe = self.lineStart
        while probe < self.index && probe < self.bytes.count {
            if self.bytes[probe] & 0xC0 != 0x80 { column += 1 }
            probe += 1
        }
        return column
    }

    private func peek(_ offset: Int = 0) -> UInt8? {
        let position = self.index + offset
        return position < self.bytes.count ? self.bytes[position] : nil
    }

    private mutating func advance() {
        if self.bytes[self.index] == UInt8(ascii: "\n") {
            self.line += 1
            self.lineStart = self.index + 1
        }
        self.index += 1
    }

    private mutating func consume(_ word: String) -> Bool {
        let wordBytes = Array(word.utf8)
        guard self.index + wordBytes.count <= self.bytes.count,
            Array(self.bytes[self.index..<(self.index + wordBytes.count)]) == wordBytes
        else { return false }
        if let next = self.peek(wordBytes.count), Self.isBareKeyByte(next) { return false }
        self.index += wordBytes.count
        return true
    }

    private mutating func skipSpaces() {
        while let byte = self.peek(), byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { self.index += 1 }
    }

    private mutating func skipOneNewline() {
        if self.peek() == UInt8(ascii: "\r"), self.peek(1) == UInt8(ascii: "\n") { self.index += 1 }
        if self.peek() == UInt8(ascii: "\n") { self.advance() }
    }

    private mutating func skipWhitespaceAndNewlines() {
        while let byte = self.peek(),
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
        {
            self.advance()
        }
    }

    private mutating func skipWhitespaceCommentsAndNewlines() {
        while true {
            self.skipWhitespaceAndNewlines()
            guard self.peek() == UInt8(ascii: "#") else { return }
            while let byte = self.peek(), byte != UInt8(ascii: "\n") { self.index += 1 }
        }
    }

    private mutating func expect(_ character: Character, _ message: String) throws(ConfigurationError) {
        guard let byte = self.peek(), byte == character.asciiValue else {
            throw self.error("\(message), found \(self.describeCurrent())")
        }
        self.index += 1
    }

    private mutating func expectEndOfLine() throws(ConfigurationError) {
        self.skipSpaces()
        if self.peek() == UInt8(ascii: "#") {
            while let byte = self.peek(), byte != UInt8(ascii: "\n") { self.index += 1 }
        }
        if self.peek() == UInt8(ascii: "\r"), self.peek(1) == UInt8(ascii: "\n") { self.index += 1 }
        guard let byte = self.peek() else { return }
        guard byte == UInt8(ascii: "\n") else {
            throw self.error("expected the end of the line, found \(self.describeCurrent())")
        }
        self.advance()
    }

    private func describeCurrent() -> String {
        guard let byte = self.peek() else { return "the end of the file" }
        if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { return "the end of the line" }
        var end = self.index + 1
        while end < self.bytes.count, self.bytes[end] & 0xC0 == 0x80 { end += 1 }
        return "'" + String(decoding: self.bytes[self.index..<end], as: UTF8.self) + "'"
    }

    private func error(_ message: String) -> ConfigurationError {
        ConfigurationError(.syntax, message, file: self.file, line: self.line, column: self.column)
    }
}
