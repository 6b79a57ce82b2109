/// How a text file's bytes encode characters, as detected from its byte-order mark.
package enum TextEncoding: Hashable, Sendable, CustomStringConvertible {
    /// UTF-8 without a byte-order mark (also plain ASCII, and the default for new files).
    case utf8
    /// UTF-8 starting with EF BB BF.
    case utf8WithBOM
    /// UTF-16 little endian, starting with FF FE.
    case utf16LittleEndian
    /// UTF-16 big endian, starting with FE FF.
    case utf16BigEndian

    /// The byte-order mark this encoding writes first.
    package var byteOrderMark: [UInt8] {
        switch self {
        case .utf8: []
        case .utf8WithBOM: [0xEF, 0xBB, 0xBF]
        case .utf16LittleEndian: [0xFF, 0xFE]
        case .utf16BigEndian: [0xFE, 0xFF]
        }
    }

    /// The encoding a byte-order mark at the start of `bytes` announces (`.utf8` without one).
    package static func detect(_ bytes: some Collection<UInt8>) -> TextEncoding {
        let head = Array(bytes.prefix(3))
        if head.count >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF { return .utf8WithBOM }
        if head.count >= 2 && head[0] == 0xFF && head[1] == 0xFE { return .utf16LittleEndian }
        if head.count >= 2 && head[0] == 0xFE && head[1] == 0xFF { return .utf16BigEndian }
        return .utf8
    }

    /// `text` encoded in this encoding (no byte-order mark).
    package func encode(_ text: String) -> [UInt8] {
        switch self {
        case .utf8, .utf8WithBOM:
            return Array(text.utf8)
        case .utf16LittleEndian:
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.utf16.count * 2)
            for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
            return bytes
        case .utf16BigEndian:
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.utf16.count * 2)
            for unit in text.utf16 { bytes += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
            return bytes
        }
    }

    /// Bytes per code unit (1 for UTF-8, 2 for UTF-16).
    package var unitSize: Int {
        switch self {
        case .utf8, .utf8WithBOM: 1
        case .utf16LittleEndian, .utf16BigEndian: 2
        }
    }

    package var description: String {
        switch self {
        case .utf8: "UTF-8"
        case .utf8WithBOM: "UTF-8 with BOM"
        case .utf16LittleEndian: "UTF-16 LE"
        case .utf16BigEndian: "UTF-16 BE"
        }
    }
}
