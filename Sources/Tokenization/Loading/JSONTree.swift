/// A parsed JSON document for loading tokenizer files: objects keep their members in order,
/// numbers stay as literals. Parsing a 128K-entry tokenizer.json this way is several times faster
/// than `JSONDecoder` (which throws and catches once per merge rule to tell the two merge
/// formats apart), and a syntax error can say where it is.
enum JSONTree: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONTree])
    case object([(key: String, value: JSONTree)])

    static func == (lhs: JSONTree, rhs: JSONTree) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }

    /// The member `key` of an object (the last one, if repeated), or nil.
    subscript(key: String) -> JSONTree? {
        guard case .object(let members) = self else { return nil }
        return members.last { $0.key == key }?.value
    }

    /// The string, if this is one.
    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The boolean, if this is one.
    var bool: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The elements, if this is an array.
    var array: [JSONTree]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The integer, if this is a number without fraction or exponent that fits in `Int`.
    var integer: Int? {
        if case .number(let literal) = self { return Int(literal) }
        return nil
    }

    /// A short name of the value's kind, for error messages.
    var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// Parses UTF-8 JSON; the error text says the line and column.
    static func parse(_ bytes: [UInt8]) throws(JSONTreeError) -> JSONTree {
        try bytes.withUnsafeBufferPointer { buffer throws(JSONTreeError) in
            var parser = JSONTreeParser(bytes: buffer)
            return try parser.parseDocument()
        }
    }
}

/// A syntax error in a JSON document.
struct JSONTreeError: Error, Sendable {
    var message: String
}

private struct JSONTreeParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    var depth = 0

    static let maximumDepth = 256

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func parseDocument() throws(JSONTreeError) -> JSONTree {
        self.skipWhitespace()
        let value = try self.parseValue()
        self.skipWhitespace()
        if self.position < self.bytes.count { throw self.error("extra data after the value") }
        return value
    }

    private func error(_ message: String) -> JSONTreeError {
        var line = 1
        var column = 1
        for index in 0..<min(self.position, self.bytes.count) {
            if self.bytes[index] == 0x0A {
                line += 1
                column = 1
            } else if self.bytes[index] & 0xC0 != 0x80 {
                column += 1
            }
        }
        let found = self.position < self.bytes.count ? "" : " (the file ends here)"
        return JSONTreeError(message: "\(message) at line \(line), column \(column)\(found)")
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
        for index in 0..<count where self.bytes[self.position + index] != literal.utf8Start[index] { return false }
        self.position += count
        return true
    }

    private mutating func parseValue() throws(JSONTreeError) -> JSONTree {
        switch self.peek() {
        case UInt8(ascii: "{")?: return try self.parseObject()
        case UInt8(ascii: "[")?: return try self.parseArray()
        case UInt8(ascii: "\"")?: return .string(try self.parseString())
        case UInt8(ascii: "t")? where self.consume("true"): return .bool(true)
        case UInt8(ascii: "f")? where self.consume("false"): return .bool(false)
        case UInt8(ascii: "n")? where self.consume("null"): return .null
        case let byte? where byte == UInt8(ascii: "-") || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")):
            return try self.parseNumber()
        default:
            throw self.error("expected a value")
        }
    }

    private mutating func nest() throws(JSONTreeError) {
        self.depth += 1
        if self.depth > Self.maximumDepth { throw self.error("nested too deeply") }
    }

    private mutating func parseObject() throws(JSONTreeError) -> JSONTree {
        try self.nest()
        defer { self.depth -= 1 }
        self.position += 1
        var members: [(key: String, value: JSONTree)] = []
        self.skipWhitespace()
        if self.peek() == UInt8(ascii: "}") {
            self.position += 1
            return .object(members)
        }
        while true {
            self.skipWhitespace()
            guard self.peek() == UInt8(ascii: "\"") else { throw self.error("expected a member name") }
            let key = try self.parseString()
            self.skipWhitespace()
            guard self.peek() == UInt8(ascii: ":") else { throw self.error("expected ':'") }
            self.position += 1
            self.skipWhitespace()
            members.append((key, try self.parseValue()))
            self.skipWhitespace()
            switch self.peek() {
            case UInt8(ascii: ",")?: self.position += 1
            case UInt8(ascii: "}")?:
                self.position += 1
                return .object(members)
            default: throw self.error("expected ',' or '}'")
            }
        }
    }

    private mutating func parseArray() throws(JSONTreeError) -> JSONTree {
        try self.nest()
        defer { self.depth -= 1 }
        self.position += 1
        var elements: [JSONTree] = []
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
            case UInt8(ascii: ",")?: self.position += 1
            case UInt8(ascii: "]")?:
                self.position += 1
                return .array(elements)
            default: throw self.error("expected ',' or ']'")
            }
        }
    }

    private mutating func parseNumber() throws(JSONTreeError) -> JSONTree {
        let start = self.position
        if self.peek() == UInt8(ascii: "-") { self.position += 1 }
        var digits = 0
        while let byte = self.peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
        {
            if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { digits += 1 }
            self.position += 1
        }
        guard digits > 0 else { throw self.error("expected a number") }
        return .number(String(decoding: UnsafeBufferPointer(rebasing: self.bytes[start..<self.position]), as: UTF8.self))
    }

    private mutating func parseString() throws(JSONTreeError) -> String {
        self.position += 1
        let start = self.position
        // Fast path: no escapes.
        while let byte = self.peek(), byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\"), byte >= 0x20 {
            self.position += 1
        }
        if self.peek() == UInt8(ascii: "\"") {
            defer { self.position += 1 }
            return try self.makeString(UnsafeBufferPointer(rebasing: self.bytes[start..<self.position]))
        }
        var result = Array(self.bytes[start..<self.position])
        while true {
            guard let byte = self.peek() else { throw self.error("unterminated string") }
            switch byte {
            case UInt8(ascii: "\""):
                self.position += 1
                return try result.withUnsafeBufferPointer { buffer throws(JSONTreeError) in try self.makeString(buffer) }
            case UInt8(ascii: "\\"):
                self.position += 1
                guard let escaped = self.peek() else { throw self.error("unterminated string") }
                self.position += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): result.append(escaped)
                case UInt8(ascii: "b"): result.append(0x08)
                case UInt8(ascii: "f"): result.append(0x0C)
                case UInt8(ascii: "n"): result.append(0x0A)
                case UInt8(ascii: "r"): result.append(0x0D)
                case UInt8(ascii: "t"): result.append(0x09)
                case UInt8(ascii: "u"):
                    var value = try self.hex4()
                    if (0xD800...0xDBFF).contains(value), self.consume("\\u") {
                        let low = try self.hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw self.error("unpaired surrogate escape") }
                        value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(value) else { throw self.error("unpaired surrogate escape") }
                    result.append(contentsOf: String(scalar).utf8)
                default:
                    throw self.error("invalid escape")
                }
            case 0x00..<0x20:
                throw self.error("control character in a string")
            default:
                result.append(byte)
                self.position += 1
            }
        }
    }

    private func makeString(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONTreeError) -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else { throw self.error("string is not valid UTF-8") }
        return text
    }

    private mutating func hex4() throws(JSONTreeError) -> UInt32 {
        guard self.position + 4 <= self.bytes.count else { throw self.error("expected four hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = Int(String(UnicodeScalar(self.bytes[self.position])), radix: 16) else {
                throw self.error("expected four hex digits")
            }
            value = value << 4 | UInt32(digit)
            self.position += 1
        }
        return value
    }
}
