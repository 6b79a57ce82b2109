/// Conversions between the UTF-8 byte offsets the Workspace module reports (fuzzy positions,
/// search ranges, highlight tokens) and `Character` offsets a terminal view draws by.
package enum TextOffsets {
    /// The `Character` offsets containing each UTF-8 byte offset (sorted input, sorted output,
    /// duplicates merged).
    package static func characterOffsets(forUTF8Offsets offsets: [Int], in text: String) -> [Int] {
        guard !offsets.isEmpty else { return [] }
        var result: [Int] = []
        var characterIndex = 0
        var byteIndex = 0
        var next = 0
        for character in text {
            let width = character.utf8.count
            while next < offsets.count && offsets[next] < byteIndex + width {
                if offsets[next] >= byteIndex && result.last != characterIndex { result.append(characterIndex) }
                next += 1
            }
            if next == offsets.count { break }
            byteIndex += width
            characterIndex += 1
        }
        return result
    }

    /// The `Character` range covering the UTF-8 byte range `range` of `text`.
    package static func characterRange(forUTF8Range range: Range<Int>, in text: String) -> Range<Int> {
        var characterIndex = 0
        var byteIndex = 0
        var lower: Int?
        for character in text {
            if lower == nil && byteIndex + character.utf8.count > range.lowerBound { lower = characterIndex }
            if byteIndex >= range.upperBound { return (lower ?? characterIndex)..<characterIndex }
            byteIndex += character.utf8.count
            characterIndex += 1
        }
        return (lower ?? characterIndex)..<characterIndex
    }
}
