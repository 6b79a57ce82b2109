/// A text split into lines without copying: one byte buffer plus the offset where each line starts.
///
/// A line is every byte up to, not including, its `\n`; a `\r` before the `\n` stays part of the
/// line, exactly as a unified diff shows it, so splitting and joining is byte-exact for LF, CRLF
/// and mixed files. Only the last line can lack its `\n` (`endsWithNewline` says whether it has
/// one). An empty text has no lines; `"\n"` has one empty line.
package struct TextLines: Sendable, Equatable {
    /// The whole text, byte for byte.
    package let bytes: [UInt8]
    /// `starts[i]` is the offset of line `i`; `starts[count]` is one past the end of the last line's
    /// terminator (so line `i` with its `\n` spans `starts[i] ..< starts[i + 1]`).
    private let starts: [Int]
    /// Whether the last line ends with `\n` (true for an empty text).
    package let endsWithNewline: Bool

    /// Splits `bytes` into lines.
    package init(_ bytes: [UInt8]) {
        var starts: [Int] = [0]
        starts.reserveCapacity(bytes.count / 32 + 2)
        bytes.withUnsafeBufferPointer { buffer in
            for index in 0..<buffer.count where buffer[index] == 0x0A {
                starts.append(index + 1)
            }
        }
        let endsWithNewline = bytes.isEmpty || bytes.last == 0x0A
        if !endsWithNewline { starts.append(bytes.count) }
        self.bytes = bytes
        self.starts = starts
        self.endsWithNewline = endsWithNewline
    }

    /// Splits the UTF-8 of `text` into lines.
    package init(_ text: String) {
        self.init(Array(text.utf8))
    }

    /// The number of lines.
    package var count: Int { self.starts.count - 1 }

    /// Line `index` without its `\n` (a `\r` before it is kept).
    package subscript(index: Int) -> ArraySlice<UInt8> {
        self.bytes[self.contentRange(index)]
    }

    /// The byte offsets of line `index` without its `\n`.
    package func contentRange(_ index: Int) -> Range<Int> {
        let start = self.starts[index]
        var end = self.starts[index + 1]
        if end > start && self.bytes[end - 1] == 0x0A { end -= 1 }
        return start..<end
    }

    /// Whether line `index` is followed by `\n` (only the last line can lack one).
    package func hasNewline(_ index: Int) -> Bool {
        index < self.count - 1 || self.endsWithNewline
    }
}
