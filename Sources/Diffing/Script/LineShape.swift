/// What compaction needs to know about a line's layout: its indentation and whether it is blank.
package struct LineShape: Hashable, Sendable {
    /// Leading whitespace width in columns (a tab advances to the next multiple of 8).
    package var indent: Int
    /// True when the line holds only whitespace (or nothing).
    package var isBlank: Bool
    /// True when the first non-blank character closes a bracket (`}`, `)`, `]`).
    package var startsWithCloser: Bool

    package init(indent: Int, isBlank: Bool, startsWithCloser: Bool) {
        self.indent = indent
        self.isBlank = isBlank
        self.startsWithCloser = startsWithCloser
    }

    /// The shape of `line` (its bytes without the terminator).
    package init<Bytes: Collection>(of line: Bytes) where Bytes.Element == UInt8 {
        var columns = 0
        var closer = false
        var blank = true
        for byte in line {
            if byte == 0x20 {
                columns += 1
            } else if byte == 0x09 {
                columns = (columns / 8 + 1) * 8
            } else if byte == 0x0D {
                continue
            } else {
                blank = false
                closer = byte == UInt8(ascii: "}") || byte == UInt8(ascii: ")") || byte == UInt8(ascii: "]")
                break
            }
        }
        self.init(indent: blank ? 0 : columns, isBlank: blank, startsWithCloser: closer)
    }

    /// Shapes of every line of `text`.
    package static func shapes(of text: TextLines) -> [LineShape] {
        (0..<text.count).map { LineShape(of: text[$0]) }
    }
}
