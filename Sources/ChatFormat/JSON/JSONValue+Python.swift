import Basics

extension JSONValue {
    /// The text Python's `json.dumps(value, ensure_ascii=False)` produces: separators `", "` and
    /// `": "`, member order kept, non-ASCII written as is, integers as written, other numbers as
    /// Python's `repr(float)`. The DeepSeek encoder (`encoding_dsv4.py`, `to_json`) writes tool
    /// schemas and non-string tool arguments this way.
    package var pythonJSON: String {
        var output = ""
        self.writePython(into: &output)
        return output
    }

    private func writePython(into output: inout String) {
        switch self {
        case .null:
            output += "null"
        case .bool(let value):
            output += value ? "true" : "false"
        case .number(let literal):
            output += Self.pythonNumber(literal)
        case .string(let value):
            Self.writePythonString(value, into: &output)
        case .array(let elements):
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += ", " }
                element.writePython(into: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { output += ", " }
                Self.writePythonString(member.key, into: &output)
                output += ": "
                member.value.writePython(into: &output)
            }
            output += "}"
        }
    }

    /// A string literal escaped as Python's `json.dumps` does with `ensure_ascii=False`.
    package static func pythonString(_ value: String) -> String {
        var output = ""
        self.writePythonString(value, into: &output)
        return output
    }

    private static func writePythonString(_ value: String, into output: inout String) {
        OrderedJSON.appendQuoted(value, to: &output)
    }

    /// A number literal as Python prints it after `json.loads`: integers unchanged (`-0` is 0),
    /// everything else through `float` and `repr`.
    static func pythonNumber(_ literal: String) -> String {
        switch literal {
        case "NaN", "Infinity", "-Infinity": return literal
        default: break
        }
        let isInteger = !literal.contains { $0 == "." || $0 == "e" || $0 == "E" }
        if isInteger { return literal == "-0" ? "0" : literal }
        guard let value = Double(literal) else { return literal }
        return Self.pythonRepr(value)
    }

    /// Python's `repr(float)`: the shortest round-tripping digits, in fixed notation when the
    /// decimal exponent is in −4…15 (with at least one digit after the point), else `d.ddde±XX`.
    static func pythonRepr(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        // Swift's description also prints the shortest round-tripping digits; take them apart.
        var text = Substring(value.description)
        var sign = ""
        if text.hasPrefix("-") {
            sign = "-"
            text = text.dropFirst()
        }
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = text[..<e]
        }
        let integerPart: Substring
        let fractionPart: Substring
        if let dot = text.firstIndex(of: ".") {
            integerPart = text[..<dot]
            fractionPart = text[text.index(after: dot)...]
        } else {
            integerPart = text
            fractionPart = ""
        }
        var digits = Array(integerPart + fractionPart)
        var point = integerPart.count + exponent  // value = 0.d1d2… × 10^point
        while digits.first == "0" {
            digits.removeFirst()
            point -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        if digits.isEmpty { return sign + "0.0" }
        let all = String(digits)
        if point > 16 || point <= -4 {
            let mantissa = digits.count == 1 ? all : String(digits[0]) + "." + String(digits[1...])
            let power = point - 1
            let magnitude = String(abs(power))
            return sign + mantissa + "e" + (power < 0 ? "-" : "+") + (magnitude.count < 2 ? "0" : "") + magnitude
        }
        if point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + all }
        if point >= digits.count { return sign + all + String(repeating: "0", count: point - digits.count) + ".0" }
        return sign + String(digits[..<point]) + "." + String(digits[point...])
    }
}
