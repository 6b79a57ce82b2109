/// Git's C-style quoting of paths in diff headers (`quote_c_style` with `core.quotePath`).
///
/// A path is quoted when it holds a double quote, a backslash, a control character or any byte
/// of 0x80 and above; inside the quotes those become `\"`, `\\`, `\t`-style escapes or three-digit
/// octal escapes. Spaces alone never cause quoting.
package enum GitQuoting {
    /// `path` as git writes it in a header.
    package static func quote(_ path: String) -> String {
        let bytes = Array(path.utf8)
        guard bytes.contains(where: Self.needsEscape) else { return path }
        var result: [UInt8] = [UInt8(ascii: "\"")]
        for byte in bytes {
            switch byte {
            case 0x07: result += Array("\\a".utf8)
            case 0x08: result += Array("\\b".utf8)
            case 0x09: result += Array("\\t".utf8)
            case 0x0A: result += Array("\\n".utf8)
            case 0x0B: result += Array("\\v".utf8)
            case 0x0C: result += Array("\\f".utf8)
            case 0x0D: result += Array("\\r".utf8)
            case UInt8(ascii: "\""): result += Array("\\\"".utf8)
            case UInt8(ascii: "\\"): result += Array("\\\\".utf8)
            default:
                if byte < 0x20 || byte >= 0x7F {
                    result.append(UInt8(ascii: "\\"))
                    result.append(UInt8(ascii: "0") + (byte >> 6))
                    result.append(UInt8(ascii: "0") + ((byte >> 3) & 7))
                    result.append(UInt8(ascii: "0") + (byte & 7))
                } else {
                    result.append(byte)
                }
            }
        }
        result.append(UInt8(ascii: "\""))
        return String(decoding: result, as: UTF8.self)
    }

    /// Reads a quoted path at the start of `text`: the path and the rest after the closing quote.
    /// Nil when `text` does not start with `"` or the quoting is malformed.
    package static func unquotePrefix(_ text: Substring) -> (path: String, rest: Substring)? {
        let bytes = Array(text.utf8)
        guard bytes.first == UInt8(ascii: "\"") else { return nil }
        var result: [UInt8] = []
        var index = 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let rest = String(decoding: bytes[(index + 1)...], as: UTF8.self)
                return (String(decoding: result, as: UTF8.self), Substring(rest))
            }
            if byte != UInt8(ascii: "\\") {
                result.append(byte)
                index += 1
                continue
            }
            index += 1
            guard index < bytes.count else { return nil }
            let escape = bytes[index]
            switch escape {
            case UInt8(ascii: "a"): result.append(0x07)
            case UInt8(ascii: "b"): result.append(0x08)
            case UInt8(ascii: "t"): result.append(0x09)
            case UInt8(ascii: "n"): result.append(0x0A)
            case UInt8(ascii: "v"): result.append(0x0B)
            case UInt8(ascii: "f"): result.append(0x0C)
            case UInt8(ascii: "r"): result.append(0x0D)
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): result.append(escape)
            case UInt8(ascii: "0")...UInt8(ascii: "3"):
                guard index + 2 < bytes.count else { return nil }
                var value: UInt8 = 0
                for digit in bytes[index...(index + 2)] {
                    guard digit >= UInt8(ascii: "0") && digit <= UInt8(ascii: "7") else { return nil }
                    value = value &* 8 &+ (digit - UInt8(ascii: "0"))
                }
                result.append(value)
                index += 2
            default:
                return nil
            }
            index += 1
        }
        return nil
    }

    /// A whole header value: unquoted when quoted, else as is.
    package static func unquote(_ text: Substring) -> String {
        if let (path, rest) = self.unquotePrefix(text), rest.isEmpty { return path }
        return String(text)
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte >= 0x7F || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }
}
