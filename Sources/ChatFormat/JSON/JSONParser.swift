/// A JSON syntax error with the line and column (1-based, counted in Unicode scalars) where it
/// was found.
package struct JSONSyntaxError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What is wrong.
    package var message: String
    /// The 1-based line.
    package var line: Int
    /// The 1-based column, in Unicode scalars.
    package var column: Int

    /// An error at `line`:`column`.
    package init(message: String, line: Int, column: Int) {
        self.message = message
        self.line = line
        self.column = column
    }

    package var description: String { "line \(self.line), column \(self.column): \(self.message)" }
}

extension JSONValue {
    /// The deepest nesting accepted (deeper input is rejected rather than exhausting the stack).
    package static let maximumDepth = 512

    /// Parses JSON text the way Python's `json.loads` does: member order kept; a repeated key keeps
    /// its first position and takes the last value; `NaN`, `Infinity` and `-Infinity` accepted;
    /// raw control characters inside strings rejected; nothing but whitespace after the value.
    package init(parsing text: String) throws(JSONSyntaxError) {
        var text = text
        let result = text.withUTF8 { bytes in
            var parser = JSONParser(bytes: bytes)
            return Result { () throws(JSONSyntaxError) in try parser.parseDocument() }
        }
        self = try result.get()
    }

    /// Parses UTF-8 JSON bytes (see `init(parsing:)`); ill-formed UTF-8 is an error.
    package init(parsing bytes: [UInt8]) throws(JSONSyntaxError) {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw JSONSyntaxError(message: "not valid UTF-8", line: 1, column: 1)
        }
        try self.init(parsing: text)
    }
}

/// A recursive-descent parser over valid UTF-8 (the input comes from a Swift `String`).
private struct JSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    var depth = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
        self.skipWhitespace()
        let value = try self.parseValue()
        self.skipWhitespace()
        if self.position < self.bytes.count { throw self.error("extra data after the value") }
        return value
    }

    private func error(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
        let offset = offset ?? self.position
        var line = 1
        var column = 1
        for index in 0..<min(offset, self.bytes.count) {
            let byte = self.bytes[index]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return JSONSyntaxError(message: message, line: line, column: column)
    }

    private mutating func skipWhitespace() {
        while self.position < self.bytes.count {
            switch self.bytes[self.position] {
            case 0x20, 0x09, 0x0A, 0x0D: self.position += 1
            default: return
            }
        }
    }

    private func peek() -> UInt8? {
        self.position < self.bytes.count ? self.bytes[self.position] : nil
    }

    private mutating func consume(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard self.position + count <= self.bytes.count else { return false }
        let start = literal.utf8Start
        for index in 0..<count where self.bytes[self.position + index] != start[index] { return false }
        self.position += count
        return true
    }

    private mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
        guard let byte = self.peek() else { throw self.error("expected a value, found the end of the text") }
        switch byte {
        case UInt8(ascii: "{"): return try self.parseObject()
        case UInt8(ascii: "["): return try self.parseArray()
        case UInt8(ascii: "\""): return .string(try self.parseString())
        case UInt8(ascii: "t"):
            if self.consume("true") { return .bool(true) }
        case UInt8(ascii: "f"):
            if self.consume("false") { return .bool(false) }
        case UInt8(ascii: "n"):
            if self.consume("null") { return .null }
        case UInt8(ascii: "N"):
            if self.consume("NaN") { return .number("NaN") }
        case UInt8(ascii: "I"):
            if self.consume("Infinity") { return .number("Infinity") }
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            if self.consume("-Infinity") { return .number("-Infinity") }
            return .number(try self.parseNumber())
        default:
            break
        }
        throw self.error("expected a value")
    }

    private mutating func enter() throws(JSONSyntaxError) {
        self.depth += 1
        if self.depth > JSONValue.maximumDepth { throw self.error("nested more than \(JSONValue.maximumDepth) levels deep") }
    }

    private mutating func parseObject() throws(JSONSyntaxError) -> JSONValue {
        try self.enter()
        defer { self.depth -= 1 }
        self.position += 1
        var members: [JSONValue.Member] = []
        var indexByKey: [String: Int] = [:]
        self.skipWhitespace()
        if self.peek() == UInt8(ascii: "}") {
            self.position += 1
            return .object(members)
        }
        while true {
            self.skipWhitespace()
            guard self.peek() == UInt8(ascii: "\"") else { throw self.error("expected a member name in double quotes") }
            let key = try self.parseString()
            self.skipWhitespace()
            guard self.peek() == UInt8(ascii: ":") else { throw self.error("expected ':' after a member name") }
            self.position += 1
            self.skipWhitespace()
            let value = try self.parseValue()
            if let existing = indexByKey[key] {
                members[existing].value = value
            } else {
                indexByKey[key] = members.count
                members.append(JSONValue.Member(key, value))
            }
            self.skipWhitespace()
            switch self.peek() {
            case UInt8(ascii: ","):
                self.position += 1
            case UInt8(ascii: "}"):
                self.position += 1
                return .object(members)
            default:
                throw self.error("expected ',' or '}' in an object")
            }
        }
    }

    private mutating func parseArray() throws(JSONSyntaxError) -> JSONValue {
        try self.enter()
        defer { self.depth -= 1 }
        self.position += 1
        var elements: [JSONValue] = []
        self.skipWhitespace()
        if self.peek() == UInt8(ascii: "]") {
            self.position += 1
            return .array(elements)
        }
        while true {
            self.skipWhitespace()
            elements.append(try self.parseValue())
            self.skipWhitespace()
            switch self.peek() {
            case UInt8(ascii: ","):
                self.position += 1
            case UInt8(ascii: "]"):
                self.position += 1
                return .array(elements)
            default:
                throw self.error("expected ',' or ']' in an array")
            }
        }
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> String {
        let start = self.position
        func digits(_ parser: inout JSONParser) -> Int {
            let begin = parser.position
            while let byte = parser.peek(), byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") { parser.position += 1 }
            return parser.position - begin
        }
        if self.peek() == UInt8(ascii: "-") { self.position += 1 }
        if self.peek() == UInt8(ascii: "0") {
            self.position += 1
        } else if digits(&self) == 0 {
            throw self.error("expected a digit")
        }
        if self.peek() == UInt8(ascii: ".") {
            let dot = self.position
            self.position += 1
            if digits(&self) == 0 {
                self.position = dot  // Python stops the number before a bare '.'
            }
        }
        if let byte = self.peek(), byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            let mark = self.position
            self.position += 1
            if let sign = self.peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { self.position += 1 }
            if digits(&self) == 0 { self.position = mark }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: self.bytes[start..<self.position]), as: UTF8.self)
    }

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        let opening = self.position
        self.position += 1
        var result: [UInt8] = []
        while true {
            guard let byte = self.peek() else { throw self.error("unterminated string", at: opening) }
            switch byte {
            case UInt8(ascii: "\""):
                self.position += 1
                return String(decoding: result, as: UTF8.self)
            case UInt8(ascii: "\\"):
                self.position += 1
                try self.parseEscape(into: &result)
            case 0x00..<0x20:
                throw self.error("control character in a string")
            default:
                result.append(byte)
                self.position += 1
            }
        }
    }

    private mutating func parseEscape(into result: inout [UInt8]) throws(JSONSyntaxError) {
        guard let byte = self.peek() else { throw self.error("unterminated escape") }
        self.position += 1
        switch byte {
        case UInt8(ascii: "\""): result.append(0x22)
        case UInt8(ascii: "\\"): result.append(0x5C)
        case UInt8(ascii: "/"): result.append(0x2F)
        case UInt8(ascii: "b"): result.append(0x08)
        case UInt8(ascii: "f"): result.append(0x0C)
        case UInt8(ascii: "n"): result.append(0x0A)
        case UInt8(ascii: "r"): result.append(0x0D)
        case UInt8(ascii: "t"): result.append(0x09)
        case UInt8(ascii: "u"):
            var value = try self.parseHex4()
            if (0xD800...0xDBFF).contains(value), self.consume("\\u") {
                let low = try self.parseHex4()
                if (0xDC00...0xDFFF).contains(low) {
                    value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    self.position -= 6  // not a pair: the second escape stands alone
                }
            }
            // A lone surrogate cannot live in a Swift string; Python would keep it, we use U+FFFD.
            let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
            result.append(contentsOf: Array(String(scalar).utf8))
        default:
            throw self.error("invalid escape", at: self.position - 2)
        }
    }

    private mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
        guard self.position + 4 <= self.bytes.count else { throw self.error("expected four hex digits after \\u") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = self.bytes[self.position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw self.error("expected four hex digits after \\u")
            }
            value = value << 4 | UInt32(digit)
            self.position += 1
        }
        return value
    }
}
