extension OrderedJSON {
    /// Appends `text` to `output` as a JSON string literal, escaped as Python's `json.dumps`
    /// does with `ensure_ascii=False`: `\"`, `\\`, `\n`, `\r`, `\t`, `\b`, `\f`, other control
    /// characters as `\u00XX`, everything else as it is.
    package static func appendQuoted(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }

    /// `text` as a JSON string literal (see `appendQuoted`).
    package static func quoted(_ text: String) -> String {
        var output = ""
        self.appendQuoted(text, to: &output)
        return output
    }
}
