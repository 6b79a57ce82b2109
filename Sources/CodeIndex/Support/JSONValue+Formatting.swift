import Basics

extension JSONValue {
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
        OrderedJSON.quoted(text)
    }
}
