/// Display-width arithmetic on strings: measuring, truncating and padding by terminal columns
/// rather than by characters.
package enum TextWidth {
    /// The number of columns `text` occupies.
    ///
    /// - Complexity: O(n) in the number of characters.
    package static func of<S: StringProtocol>(_ text: S) -> Int {
        var width = 0
        for character in text { width += CharacterWidth.of(character) }
        return width
    }

    /// The longest prefix of `text` that fits in `width` columns; when it had to cut, the last
    /// column becomes `ellipsis` (if it is not empty).
    package static func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if Self.of(text) <= width { return text }
        let ellipsisWidth = Self.of(ellipsis)
        let budget = max(0, width - ellipsisWidth)
        var result = ""
        var used = 0
        for character in text {
            let characterWidth = CharacterWidth.of(character)
            if used + characterWidth > budget { break }
            result.append(character)
            used += characterWidth
        }
        return ellipsisWidth <= width ? result + ellipsis : result
    }

    /// The longest suffix of `text` that fits in `width` columns, starting with `ellipsis` when cut
    /// (used for paths, where the end matters most).
    package static func truncateLeading(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if Self.of(text) <= width { return text }
        let budget = max(0, width - Self.of(ellipsis))
        var result: [Character] = []
        var used = 0
        for character in text.reversed() {
            let characterWidth = CharacterWidth.of(character)
            if used + characterWidth > budget { break }
            result.append(character)
            used += characterWidth
        }
        return ellipsis + String(result.reversed())
    }

    /// `text` truncated or padded with spaces to exactly `width` columns.
    package static func pad(_ text: String, to width: Int) -> String {
        let truncated = Self.truncate(text, to: width)
        let missing = width - Self.of(truncated)
        return missing > 0 ? truncated + String(repeating: " ", count: missing) : truncated
    }

    /// Splits `text` into lines of at most `width` columns, breaking at spaces where possible and
    /// inside words that are longer than a line.
    package static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            var word = ""
            var wordWidth = 0
            func flushWord() {
                if lineWidth + wordWidth <= width {
                    line += word
                    lineWidth += wordWidth
                } else {
                    let trimmed = line.hasSuffix(" ") ? String(line.dropLast()) : line
                    if !trimmed.isEmpty || lineWidth > 0 { lines.append(trimmed) }
                    line = ""
                    lineWidth = 0
                    var remaining = word
                    while Self.of(remaining) > width {
                        let head = Self.truncate(remaining, to: width, ellipsis: "")
                        lines.append(head)
                        remaining = String(remaining.dropFirst(head.count))
                    }
                    line = remaining
                    lineWidth = Self.of(remaining)
                }
                word = ""
                wordWidth = 0
            }
            for character in paragraph {
                word.append(character)
                wordWidth += CharacterWidth.of(character)
                if character == " " { flushWord() }
            }
            flushWord()
            lines.append(line)
        }
        return lines
    }
}
