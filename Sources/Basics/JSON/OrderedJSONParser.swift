/// A recursive-descent parser from UTF-8 bytes to `OrderedJSON`, shared by every hand-written JSON
/// reader in the package (tokenizer files, chat requests, package.json and tsconfig.json).
///
/// It works on bytes, copies each string without escapes in one validated step and builds no
/// intermediate tree, so a 128K-entry tokenizer.json loads several times faster than through
/// `JSONDecoder`. Numbers follow the JSON grammar and are kept as literals; like Python's
/// `json.loads` a number stops before a `.` or exponent with no digits after it (so `1.` is an
/// error at the `.`). Errors carry the line and column of the offending byte.
struct OrderedJSONParser {
    /// The input.
    let bytes: UnsafeBufferPointer<UInt8>
    /// What the input may contain beyond strict JSON.
    let options: OrderedJSON.ParseOptions
    /// The offset of the next byte to read.
    private var position = 0
    /// The number of arrays and objects open at `position`.
    private var depth = 0

    /// A parser over `bytes`.
    init(bytes: UnsafeBufferPointer<UInt8>, options: OrderedJSON.ParseOptions) {
        self.bytes = bytes
        self.options = options
    }

    /// Parses one value surrounded by optional whitespace.
    mutating func parseDocument() throws(JSONSyntaxError) -> OrderedJSON {
        self.skipWhitespace()
        let value = try self.parseValue()
        self.skipWhitespace()
        if self.position < self.bytes.count { throw self.error("extra data after the value") }
        return value
    }

    // MARK: - Positions and errors

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
            case 0x20, 0x09, 0x0A, 0x0D:
                self.position += 1
            case UInt8(ascii: "/") where self.options.allowsComments:
                guard self.skipComment() else { return }
            default:
                return
            }
        }
    }

    /// Skips a `//` or `/* */` comment at `position`; false if there is none. An unterminated
    /// block comment runs to the end of the input.
    private mutating func skipComment() -> Bool {
        guard self.position + 1 < self.bytes.count else { return false }
        switch self.bytes[self.position + 1] {
        case UInt8(ascii: "/"):
            while self.position < self.bytes.count && self.bytes[self.position] != 0x0A { self.position += 1 }
        case UInt8(ascii: "*"):
            self.position += 2
            while self.position + 1 < self.bytes.count
                && !(self.bytes[self.position] == UInt8(ascii: "*") && self.bytes[self.position + 1] == UInt8(ascii: "/"))
            {
                self.position += 1
            }
            self.position = min(self.position + 2, self.bytes.count)
        default:
            return false
        }
        return true
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

    // MARK: - Values

    private mutating func parseValue() throws(JSONSyntaxError) -> OrderedJSON {
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
        case UInt8(ascii: "N") where self.options.allowsNonFiniteNumbers:
            if self.consume("NaN") { return .number("NaN") }
        case UInt8(ascii: "I") where self.options.allowsNonFiniteNumbers:
            if self.consume("Infinity") { return .number("Infinity") }
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            if self.options.allowsNonFiniteNumbers && self.consume("-Infinity") { return .number("-Infinity") }
            return .number(try self.parseNumber())
        default:
            break
        }
        throw self.error("expected a value")
    }

    private mutating func enter() throws(JSONSyntaxError) {
        self.depth += 1
        if self.depth > self.options.maximumDepth {
            throw self.error("nested more than \(self.options.maximumDepth) levels deep")
        }
    }

    private mutating func parseObject() throws(JSONSyntaxError) -> OrderedJSON {
        try self.enter()
        defer { self.depth -= 1 }
        self.position += 1
        var members: [OrderedJSON.Member] = []
        var indexByKey: [String: Int] = [:]
        self.skipWhitespace()
        if self.peek() == UInt8(ascii: "}") {
            self.position += 1
            return .object(members)
        }
        while true {
            guard self.peek() == UInt8(ascii: "\"") else { throw self.error("expected a member name in double quotes") }
            let key = try self.parseString()
            self.skipWhitespace()
            guard self.peek() == UInt8(ascii: ":") else { throw self.error("expected ':' after a member name") }
            self.position += 1
            self.skipWhitespace()
            let value = try self.parseValue()
            if !self.options.mergesRepeatedKeys {
                members.append(OrderedJSON.Member(key, value))
            } else if let existing = indexByKey[key] {
                members[existing].value = value
            } else {
                indexByKey[key] = members.count
                members.append(OrderedJSON.Member(key, value))
            }
            self.skipWhitespace()
            switch self.peek() {
            case UInt8(ascii: ","):
                self.position += 1
                self.skipWhitespace()
                if self.options.allowsTrailingCommas && self.peek() == UInt8(ascii: "}") {
                    self.position += 1
                    return .object(members)
                }
            case UInt8(ascii: "}"):
                self.position += 1
                return .object(members)
            default:
                throw self.error("expected ',' or '}' in an object")
            }
        }
    }

    private mutating func parseArray() throws(JSONSyntaxError) -> OrderedJSON {
        try self.enter()
        defer { self.depth -= 1 }
        self.position += 1
        var elements: [OrderedJSON] = []
        self.skipWhitespace()
        if self.peek() == UInt8(ascii: "]") {
            self.position += 1
            return .array(elements)
        }
        while true {
            elements.append(try self.parseValue())
            self.skipWhitespace()
            switch self.peek() {
            case UInt8(ascii: ","):
                self.position += 1
                self.skipWhitespace()
                if self.options.allowsTrailingCommas && self.peek() == UInt8(ascii: "]") {
                    self.position += 1
                    return .array(elements)
                }
            case UInt8(ascii: "]"):
                self.position += 1
                return .array(elements)
            default:
                throw self.error("expected ',' or ']' in an array")
            }
        }
    }

    /// Reads a number literal: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    private mutating func parseNumber() throws(JSONSyntaxError) -> String {
        let start = self.position
        if self.peek() == UInt8(ascii: "-") { self.position += 1 }
        if self.peek() == UInt8(ascii: "0") {
            self.position += 1
        } else if self.skipDigits() == 0 {
            throw self.error("expected a digit")
        }
        if self.peek() == UInt8(ascii: ".") {
            let dot = self.position
            self.position += 1
            if self.skipDigits() == 0 { self.position = dot }  // Python stops the number before a bare '.'
        }
        if let byte = self.peek(), byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            let mark = self.position
            self.position += 1
            if let sign = self.peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { self.position += 1 }
            if self.skipDigits() == 0 { self.position = mark }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: self.bytes[start..<self.position]), as: UTF8.self)
    }

    private mutating func skipDigits() -> Int {
        let begin = self.position
        while let byte = self.peek(), byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") { self.position += 1 }
        return self.position - begin
    }

    // MARK: - Strings

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        let opening = self.position
        self.position += 1
        let start = self.position
        // Fast path: no escapes, one validated copy.
        while let byte = self.peek(), byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\"), byte >= 0x20 {
            self.position += 1
        }
        if self.peek() == UInt8(ascii: "\"") {
            defer { self.position += 1 }
            return try self.makeString(UnsafeBufferPointer(rebasing: self.bytes[start..<self.position]), at: opening)
        }
        var result = Array(self.bytes[start..<self.position])
        while true {
            guard let byte = self.peek() else { throw self.error("unterminated string", at: opening) }
            switch byte {
            case UInt8(ascii: "\""):
                self.position += 1
                return try result.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in
                    try self.makeString(buffer, at: opening)
                }
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

    private func makeString(_ bytes: UnsafeBufferPointer<UInt8>, at opening: Int) throws(JSONSyntaxError) -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw self.error("string is not valid UTF-8", at: opening)
        }
        return text
    }

    private mutating func parseEscape(into result: inout [UInt8]) throws(JSONSyntaxError) {
        let backslash = self.position - 1
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
            let scalar: Unicode.Scalar
            if let decoded = Unicode.Scalar(value) {
                scalar = decoded
            } else if self.options.replacesLoneSurrogates {
                scalar = "\u{FFFD}"
            } else {
                throw self.error("unpaired surrogate escape", at: backslash)
            }
            result.append(contentsOf: String(scalar).utf8)
        default:
            throw self.error("invalid escape", at: backslash)
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
