/// A JSON value that keeps object keys in source order, so package.json and tsconfig.json can be
/// read, edited and written back without reordering them.
///
/// `parse` accepts JSON plus the comments and trailing commas tsconfig.json allows.
package enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    package static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// The member `key` of an object.
    package subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last { $0.key == key }?.value
    }

    /// The string value, if this is a string.
    package var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The members, if this is an object.
    package var members: [(key: String, value: JSONValue)]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// Sets `key` in an object (appending it when new); does nothing to non-objects.
    package mutating func set(_ key: String, _ value: JSONValue) {
        guard case .object(var members) = self else { return }
        if let index = members.firstIndex(where: { $0.key == key }) {
            members[index].value = value
        } else {
            members.append((key, value))
        }
        self = .object(members)
    }

    /// Removes `key` from an object.
    package mutating func remove(_ key: String) {
        guard case .object(let members) = self else { return }
        self = .object(members.filter { $0.key != key })
    }

    // MARK: - Parsing

    /// A syntax error with the 1-based line where it was found.
    package struct ParseError: Error, CustomStringConvertible, Sendable {
        /// 1-based line of the problem.
        package var line: Int
        /// What is wrong.
        package var message: String
        package var description: String { "line \(self.line): \(self.message)" }
    }

    /// Parses `text` (JSON with comments and trailing commas).
    package static func parse(_ text: String) throws(ParseError) -> JSONValue {
        var parser = Parser(bytes: Array(text.utf8))
        parser.skipSpace()
        let value = try parser.value()
        parser.skipSpace()
        guard parser.position == parser.bytes.count else { throw parser.error("unexpected text after the value") }
        return value
    }

    private struct Parser {
        let bytes: [UInt8]
        var position = 0

        func error(_ message: String) -> ParseError {
            let line = self.bytes[0..<min(self.position, self.bytes.count)].filter { $0 == 0x0A }.count + 1
            return ParseError(line: line, message: message)
        }

        mutating func skipSpace() {
            while self.position < self.bytes.count {
                let byte = self.bytes[self.position]
                if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
                    self.position += 1
                } else if byte == UInt8(ascii: "/") && self.position + 1 < self.bytes.count {
                    if self.bytes[self.position + 1] == UInt8(ascii: "/") {
                        while self.position < self.bytes.count && self.bytes[self.position] != 0x0A { self.position += 1 }
                    } else if self.bytes[self.position + 1] == UInt8(ascii: "*") {
                        self.position += 2
                        while self.position + 1 < self.bytes.count
                            && !(self.bytes[self.position] == UInt8(ascii: "*") && self.bytes[self.position + 1] == UInt8(ascii: "/"))
                        {
                            self.position += 1
                        }
                        self.position = min(self.position + 2, self.bytes.count)
                    } else {
                        return
                    }
                } else {
                    return
                }
            }
        }

        mutating func value() throws(ParseError) -> JSONValue {
            guard self.position < self.bytes.count else { throw self.error("unexpected end of input") }
            switch self.bytes[self.position] {
            case UInt8(ascii: "{"):
                self.position += 1
                var members: [(key: String, value: JSONValue)] = []
                while true {
                    self.skipSpace()
                    guard self.position < self.bytes.count else { throw self.error("unterminated object") }
                    if self.bytes[self.position] == UInt8(ascii: "}") {
                        self.position += 1
                        return .object(members)
                    }
                    guard self.bytes[self.position] == UInt8(ascii: "\"") else { throw self.error("expected a key") }
                    let key = try self.string()
                    self.skipSpace()
                    guard self.position < self.bytes.count, self.bytes[self.position] == UInt8(ascii: ":") else {
                        throw self.error("expected ':' after key \"\(key)\"")
                    }
                    self.position += 1
                    self.skipSpace()
                    members.append((key, try self.value()))
                    self.skipSpace()
                    if self.position < self.bytes.count && self.bytes[self.position] == UInt8(ascii: ",") { self.position += 1 }
                }
            case UInt8(ascii: "["):
                self.position += 1
                var elements: [JSONValue] = []
                while true {
                    self.skipSpace()
                    guard self.position < self.bytes.count else { throw self.error("unterminated array") }
                    if self.bytes[self.position] == UInt8(ascii: "]") {
                        self.position += 1
                        return .array(elements)
                    }
                    elements.append(try self.value())
                    self.skipSpace()
                    if self.position < self.bytes.count && self.bytes[self.position] == UInt8(ascii: ",") { self.position += 1 }
                }
            case UInt8(ascii: "\""):
                return .string(try self.string())
            case UInt8(ascii: "t"):
                return try self.literal("true", .bool(true))
            case UInt8(ascii: "f"):
                return try self.literal("false", .bool(false))
            case UInt8(ascii: "n"):
                return try self.literal("null", .null)
            default:
                let start = self.position
                while self.position < self.bytes.count,
                    "+-0123456789.eE".utf8.contains(self.bytes[self.position])
                {
                    self.position += 1
                }
                guard self.position > start else { throw self.error("unexpected character") }
                return .number(String(decoding: self.bytes[start..<self.position], as: UTF8.self))
            }
        }

        mutating func literal(_ word: String, _ value: JSONValue) throws(ParseError) -> JSONValue {
            let expected = Array(word.utf8)
            guard self.position + expected.count <= self.bytes.count,
                Array(self.bytes[self.position..<self.position + expected.count]) == expected
            else { throw self.error("unexpected word") }
            self.position += expected.count
            return value
        }

        mutating func string() throws(ParseError) -> String {
            self.position += 1
            var scalars = String.UnicodeScalarView()
            var start = self.position
            var result = ""
            while self.position < self.bytes.count {
                let byte = self.bytes[self.position]
                if byte == UInt8(ascii: "\"") {
                    result += String(decoding: self.bytes[start..<self.position], as: UTF8.self)
                    self.position += 1
                    return result
                }
                if byte == 0x5C {
                    result += String(decoding: self.bytes[start..<self.position], as: UTF8.self)
                    guard self.position + 1 < self.bytes.count else { break }
                    let escape = self.bytes[self.position + 1]
                    self.position += 2
                    switch escape {
                    case UInt8(ascii: "n"): result += "\n"
                    case UInt8(ascii: "t"): result += "\t"
                    case UInt8(ascii: "r"): result += "\r"
                    case UInt8(ascii: "b"): result += "\u{08}"
                    case UInt8(ascii: "f"): result += "\u{0C}"
                    case UInt8(ascii: "u"):
                        guard self.position + 4 <= self.bytes.count,
                            let code = UInt32(String(decoding: self.bytes[self.position..<self.position + 4], as: UTF8.self), radix: 16)
                        else { throw self.error("bad \\u escape") }
                        self.position += 4
                        if let scalar = Unicode.Scalar(code) {
                            scalars = String.UnicodeScalarView()
                            scalars.append(scalar)
                            result += String(scalars)
                        } else {
                            result += "\u{FFFD}"
                        }
                    default: result += String(decoding: [escape], as: UTF8.self)
                    }
                    start = self.position
                    continue
                }
                self.position += 1
            }
            throw self.error("unterminated string")
        }
    }

    // MARK: - Printing

    /// The value printed with `indent` per level (npm's style: `"key": value`, one member per line).
    package func formatted(indent: String = "  ") -> String {
        var output = ""
        self.write(into: &output, indent: indent, level: 0)
        return output
    }

    private func write(into output: inout String, indent: String, level: Int) {
        let inner = String(repeating: indent, count: level + 1)
        let outer = String(repeating: indent, count: level)
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .number(let value): output += value
        case .string(let value): output += Self.quote(value)
        case .array(let elements):
            if elements.isEmpty {
                output += "[]"
                return
            }
            output += "[\n"
            for (index, element) in elements.enumerated() {
                output += inner
                element.write(into: &output, indent: indent, level: level + 1)
                output += index + 1 < elements.count ? ",\n" : "\n"
            }
            output += outer + "]"
        case .object(let members):
            if members.isEmpty {
                output += "{}"
                return
            }
            output += "{\n"
            for (index, member) in members.enumerated() {
                output += inner + Self.quote(member.key) + ": "
                member.value.write(into: &output, indent: indent, level: level + 1)
                output += index + 1 < members.count ? ",\n" : "\n"
            }
            output += outer + "}"
        }
    }

    /// `text` as a JSON string literal.
    package static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
