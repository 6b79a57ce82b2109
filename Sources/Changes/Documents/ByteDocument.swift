/// A text file decoded into byte lines for patching, such that encoding it again gives back the
/// original bytes. (Workspace's `TextDocument` is the String-based model for viewing; patches
/// compare and splice bytes, so invalid UTF-8 never goes through a lossy decode here.)
///
/// It keeps what must survive an edit: the encoding and byte-order mark (UTF-8 with or without a
/// BOM, UTF-16 LE/BE with a BOM), each line's own ending (LF, CRLF, mixed files stay mixed) and
/// whether the file ends with a newline. Content that is not valid UTF-8 is kept as bytes (any
/// ASCII-compatible encoding round-trips). Binary files (a NUL byte in the first 8000 bytes, as
/// git decides) are not documents.
package struct ByteDocument: Hashable, Sendable {
    /// The byte encoding of the file.
    package enum Encoding: Hashable, Sendable {
        /// UTF-8 or any ASCII-compatible bytes, no BOM.
        case utf8
        /// UTF-8 with the EF BB BF byte-order mark.
        case utf8BOM
        /// UTF-16 little-endian with FF FE.
        case utf16LE
        /// UTF-16 big-endian with FE FF.
        case utf16BE

        package var label: String {
            switch self {
            case .utf8: "UTF-8"
            case .utf8BOM: "UTF-8 with BOM"
            case .utf16LE: "UTF-16 LE"
            case .utf16BE: "UTF-16 BE"
            }
        }
    }

    package var encoding: Encoding
    package var lines: [ByteLine]

    package init(encoding: Encoding = .utf8, lines: [ByteLine]) {
        self.encoding = encoding
        self.lines = lines
    }

    /// Decodes `bytes`; nil when they look binary.
    package init?(decoding bytes: [UInt8]) {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let littleEndian = bytes[0] == 0xFF
            guard bytes.count % 2 == 0,
                let utf8 = Self.transcodeFromUTF16(bytes.dropFirst(2), littleEndian: littleEndian)
            else { return nil }
            self.init(encoding: littleEndian ? .utf16LE : .utf16BE, lines: Self.split(utf8))
            return
        }
        if Self.looksBinary(bytes) { return nil }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            self.init(encoding: .utf8BOM, lines: Self.split(Array(bytes.dropFirst(3))))
        } else {
            self.init(encoding: .utf8, lines: Self.split(bytes))
        }
    }

    /// The document as UTF-8 text with LF endings, for tests and messages.
    package init(_ text: String) {
        self.init(encoding: .utf8, lines: Self.split(Array(text.utf8)))
    }

    /// The file's bytes: lines with their endings, in the document's encoding.
    package func encoded() -> [UInt8] {
        var utf8: [UInt8] = []
        for line in self.lines {
            utf8 += line.content
            utf8 += line.ending.bytes
        }
        switch self.encoding {
        case .utf8: return utf8
        case .utf8BOM: return [0xEF, 0xBB, 0xBF] + utf8
        case .utf16LE: return [0xFF, 0xFE] + Self.transcodeToUTF16(utf8, littleEndian: true)
        case .utf16BE: return [0xFE, 0xFF] + Self.transcodeToUTF16(utf8, littleEndian: false)
        }
    }

    /// Whether the last line ends with a newline (true for an empty document).
    package var endsWithNewline: Bool { self.lines.last.map { $0.ending != .none } ?? true }

    /// The ending most lines use (LF on a tie or when no line has one).
    package var dominantEnding: LineBreak {
        var crlf = 0
        var lf = 0
        for line in self.lines {
            switch line.ending {
            case .crlf: crlf += 1
            case .lf: lf += 1
            case .none: break
            }
        }
        return crlf > lf ? .crlf : .lf
    }

    /// A short description of the layout (`UTF-8, CRLF, no final newline`), for reports.
    package var layoutDescription: String {
        var endings = Set(self.lines.map(\.ending))
        endings.remove(.none)
        let ending = endings.count > 1 ? "mixed line endings" : endings.contains(.crlf) ? "CRLF" : "LF"
        return "\(self.encoding.label), \(ending)" + (self.endsWithNewline ? "" : ", no final newline")
    }

    /// Git's binary test: a NUL byte in the first 8000 bytes.
    package static func looksBinary(_ bytes: [UInt8]) -> Bool {
        bytes.prefix(8000).contains(0)
    }

    /// Splits UTF-8 (or ASCII-compatible) bytes into lines; `\r\n` is one CRLF ending, a lone
    /// `\r` is content.
    package static func split(_ bytes: [UInt8]) -> [ByteLine] {
        var lines: [ByteLine] = []
        var start = 0
        for index in bytes.indices where bytes[index] == 0x0A {
            if index > start && bytes[index - 1] == 0x0D {
                lines.append(ByteLine(Array(bytes[start..<(index - 1)]), ending: .crlf))
            } else {
                lines.append(ByteLine(Array(bytes[start..<index]), ending: .lf))
            }
            start = index + 1
        }
        if start < bytes.count { lines.append(ByteLine(Array(bytes[start...]), ending: .none)) }
        return lines
    }

    private static func transcodeFromUTF16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) -> [UInt8]? {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex + 1 && index < bytes.endIndex {
            let first = UInt16(bytes[index])
            let second = UInt16(bytes[index + 1])
            units.append(littleEndian ? first | second << 8 : first << 8 | second)
            index += 2
        }
        var result: [UInt8] = []
        var iterator = units.makeIterator()
        var decoder = UTF16()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): UTF8.encode(scalar) { result.append($0) }
            case .emptyInput: break loop
            case .error: return nil
            }
        }
        return result
    }

    private static func transcodeToUTF16(_ utf8: [UInt8], littleEndian: Bool) -> [UInt8] {
        var result: [UInt8] = []
        for unit in String(decoding: utf8, as: UTF8.self).utf16 {
            if littleEndian {
                result += [UInt8(truncatingIfNeeded: unit), UInt8(unit >> 8)]
            } else {
                result += [UInt8(unit >> 8), UInt8(truncatingIfNeeded: unit)]
            }
        }
        return result
    }
}
