/// The text of one source file as UTF-8 bytes, with line starts for line/column lookups.
package struct SourceText: Sendable {
    /// The file's bytes.
    package let bytes: [UInt8]
    /// Byte offset of the start of each line; `lineStarts[0] == 0`.
    package let lineStarts: [Int]

    /// Wraps `text`.
    package init(_ text: String) {
        self.init(bytes: Array(text.utf8))
    }

    /// Wraps raw bytes (invalid UTF-8 is kept as is; slices decode it with replacement).
    package init(bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A {
                starts.append(index + 1)
            } else if byte == 0x0D {
                if index + 1 < bytes.count && bytes[index + 1] == 0x0A { index += 1 }
                starts.append(index + 1)
            }
            index += 1
        }
        self.lineStarts = starts
    }

    /// The whole text.
    package var string: String { String(decoding: self.bytes, as: UTF8.self) }

    /// The text of `range`.
    package func text(_ range: Range<Int>) -> String {
        let lower = max(0, min(range.lowerBound, self.bytes.count))
        let upper = max(lower, min(range.upperBound, self.bytes.count))
        return String(decoding: self.bytes[lower..<upper], as: UTF8.self)
    }

    /// The text of `token`.
    package func text(of token: Token) -> String {
        self.text(token.range)
    }

    /// True when `token`'s text equals `expected` (compared as bytes, no allocation).
    package func token(_ token: Token, is expected: StaticString) -> Bool {
        let count = token.end - token.start
        guard count == expected.utf8CodeUnitCount else { return false }
        return expected.withUTF8Buffer { buffer in
            var index = 0
            while index < count {
                if self.bytes[token.start + index] != buffer[index] { return false }
                index += 1
            }
            return true
        }
    }

    /// 1-based line of the byte at `offset`.
    package func line(of offset: Int) -> Int {
        var low = 0
        var high = self.lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if self.lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low + 1
    }

    /// The byte offset of 1-based `line` and 1-based `column` counted in UTF-16 units, as tsc reports.
    package func offset(line: Int, utf16Column column: Int) -> Int? {
        guard line >= 1 && line <= self.lineStarts.count else { return nil }
        let start = self.lineStarts[line - 1]
        let end = line < self.lineStarts.count ? self.lineStarts[line] : self.bytes.count
        let lineText = String(decoding: self.bytes[start..<end], as: UTF8.self)
        var units = 0
        var bytes = 0
        for scalar in lineText.unicodeScalars {
            if units >= column - 1 { break }
            units += scalar.utf16.count
            bytes += scalar.utf8.count
        }
        return min(start + bytes, end)
    }

    /// The byte range of 1-based `line` without its terminator.
    package func lineRange(_ line: Int) -> Range<Int> {
        guard line >= 1 && line <= self.lineStarts.count else { return self.bytes.count..<self.bytes.count }
        let start = self.lineStarts[line - 1]
        var end = line < self.lineStarts.count ? self.lineStarts[line] : self.bytes.count
        while end > start && (self.bytes[end - 1] == 0x0A || self.bytes[end - 1] == 0x0D) { end -= 1 }
        return start..<end
    }

    /// The leading spaces and tabs of 1-based `line`.
    package func indentation(ofLine line: Int) -> String {
        let range = self.lineRange(line)
        var end = range.lowerBound
        while end < range.upperBound && (self.bytes[end] == 0x20 || self.bytes[end] == 0x09) { end += 1 }
        return self.text(range.lowerBound..<end)
    }
}
