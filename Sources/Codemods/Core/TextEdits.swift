/// Byte-range replacements on one text, applied together (ranges must not overlap).
package struct TextEdits: Sendable {
    /// (range, replacement) pairs.
    package private(set) var edits: [(range: Range<Int>, replacement: String)] = []

    package init() {}

    /// Replaces `range` with `replacement`.
    package mutating func replace(_ range: Range<Int>, with replacement: String) {
        self.edits.append((range, replacement))
    }

    /// Inserts `text` at `offset`.
    package mutating func insert(_ text: String, at offset: Int) {
        self.edits.append((offset..<offset, text))
    }

    /// True when there are no edits.
    package var isEmpty: Bool { self.edits.isEmpty }

    /// `bytes` with every edit applied; overlapping edits after the first are dropped.
    package func apply(to bytes: [UInt8]) -> String {
        self.apply(to: bytes, within: 0..<bytes.count)
    }

    /// The text of `range` of `bytes` with the edits inside it applied.
    package func apply(to bytes: [UInt8], within range: Range<Int>) -> String {
        let sorted = self.edits.enumerated().sorted {
            $0.element.range.lowerBound != $1.element.range.lowerBound
                ? $0.element.range.lowerBound < $1.element.range.lowerBound : $0.offset < $1.offset
        }.map(\.element)
        var output: [UInt8] = []
        output.reserveCapacity(range.count)
        var cursor = range.lowerBound
        for edit in sorted where edit.range.lowerBound >= cursor && edit.range.upperBound <= range.upperBound {
            output.append(contentsOf: bytes[cursor..<edit.range.lowerBound])
            output.append(contentsOf: Array(edit.replacement.utf8))
            cursor = edit.range.upperBound
        }
        output.append(contentsOf: bytes[cursor..<range.upperBound])
        return String(decoding: output, as: UTF8.self)
    }
}
