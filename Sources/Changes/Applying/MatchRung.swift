/// The rungs of the tolerance ladder a hunk climbs until its context is found, strictest first.
/// Each rung also allows everything the rungs below it allow.
package enum MatchRung: Int, Hashable, Sendable, CaseIterable, Comparable, Codable {
    /// Byte-identical lines (line endings aside: CRLF and LF compare equal).
    case exact
    /// Trailing spaces and tabs ignored.
    case trailingWhitespace
    /// Leading whitespace ignored too (re-indented code, tabs for spaces); added lines take the
    /// file's indentation when the difference is consistent.
    case indentation
    /// Unicode punctuation folded to ASCII: curly quotes, dashes and minus signs, non-breaking and
    /// other spaces, ellipsis, zero-width characters.
    case unicodePunctuation
    /// Up to two context lines at either edge of the hunk ignored (GNU patch's fuzz factor).
    case reducedContext

    package static func < (lhs: MatchRung, rhs: MatchRung) -> Bool { lhs.rawValue < rhs.rawValue }

    /// How the rung is named in reports.
    package var label: String {
        switch self {
        case .exact: "exact"
        case .trailingWhitespace: "ignoring trailing whitespace"
        case .indentation: "ignoring indentation"
        case .unicodePunctuation: "folding Unicode punctuation"
        case .reducedContext: "with reduced context"
        }
    }

    /// `line` as this rung compares it.
    package func normalize<Line: Collection>(_ line: Line) -> [UInt8] where Line.Element == UInt8 {
        var bytes = Array(line)
        if bytes.last == 0x0D { bytes.removeLast() }
        switch self {
        case .exact:
            return bytes
        case .trailingWhitespace:
            while let last = bytes.last, last == 0x20 || last == 0x09 || last == 0x0D { bytes.removeLast() }
            return bytes
        case .indentation:
            return Self.trimmed(bytes)
        case .unicodePunctuation, .reducedContext:
            return Self.trimmed(Self.foldPunctuation(bytes))
        }
    }

    private static func trimmed(_ bytes: [UInt8]) -> [UInt8] {
        var slice = bytes[...]
        while let first = slice.first, first == 0x20 || first == 0x09 { slice = slice.dropFirst() }
        while let last = slice.last, last == 0x20 || last == 0x09 || last == 0x0D { slice = slice.dropLast() }
        return Array(slice)
    }

    /// Replaces typographic punctuation and exotic spaces in UTF-8 text by their ASCII forms.
    static func foldPunctuation(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(where: { $0 >= 0x80 }) else { return bytes }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                switch scalar.value {
                case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x00B4, 0x02BC: result.append(UInt8(ascii: "'"))
                case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x00AB, 0x00BB: result.append(UInt8(ascii: "\""))
                case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212: result.append(UInt8(ascii: "-"))
                case 0x00A0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: result.append(0x20)
                case 0x2026: result += [0x2E, 0x2E, 0x2E]
                case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF: break
                default: UTF8.encode(scalar) { result.append($0) }
                }
            case .emptyInput:
                break loop
            case .error:
                // Not UTF-8: compare the bytes as they are.
                return bytes
            }
        }
        return result
    }
}
