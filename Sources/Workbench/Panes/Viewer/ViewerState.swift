/// The file viewer: the open file's lines, highlighting, cursor line, scroll and in-file search.
package struct ViewerState: Hashable, Sendable {
    /// The open file's workspace-relative path.
    package var path: String?
    /// The decoded lines (tabs kept; the view expands them).
    package var lines: [String] = []
    /// Highlight runs per line (empty when the language is not known), same count as `lines`.
    package var highlights: [[HighlightRun]] = []
    /// The language name shown in the title (`Swift`, `TypeScript`), if recognised.
    package var language: String?
    /// A note about the file: encoding, truncation, binary, invalid bytes.
    package var note: String?
    /// Why the file could not be shown.
    package var error: String?
    /// True while the file is being read.
    package var isLoading = false
    /// The cursor line, 0-based.
    package var cursorLine = 0
    /// The first visible line.
    package var scroll = 0
    /// Columns scrolled to the right.
    package var horizontalScroll = 0
    /// The text searched for in this file.
    package var searchText: String?
    /// Lines (0-based) and character columns of the search matches.
    package var searchMatches: [FileMatch] = []
    /// A line to jump to once the file arrives (from a content-search result).
    package var pendingLine: Int?

    package init() {}

    /// One occurrence of the search text.
    package struct FileMatch: Hashable, Sendable {
        package var line: Int
        package var column: Int
        package var length: Int

        package init(line: Int, column: Int, length: Int) {
            self.line = line
            self.column = column
            self.length = length
        }
    }

    /// Moves the cursor to `line` (clamped) and scrolls it into a view of `height` rows,
    /// centring it when it was far away.
    package mutating func moveCursor(to line: Int, height: Int) {
        guard !self.lines.isEmpty else {
            self.cursorLine = 0
            self.scroll = 0
            return
        }
        self.cursorLine = max(0, min(line, self.lines.count - 1))
        self.keepCursorVisible(height: height)
    }

    /// Scrolls the least amount that shows the cursor line.
    package mutating func keepCursorVisible(height: Int) {
        guard height > 0 else { return }
        if self.cursorLine < self.scroll {
            self.scroll = self.cursorLine
        } else if self.cursorLine >= self.scroll + height {
            self.scroll = self.cursorLine - height + 1
        }
        self.scroll = max(0, min(self.scroll, max(0, self.lines.count - height)))
    }

    /// Centres the cursor line in a view of `height` rows.
    package mutating func centerCursor(height: Int) {
        self.scroll = max(0, min(self.cursorLine - height / 2, max(0, self.lines.count - height)))
    }

    /// Finds every occurrence of `text` (case-insensitive unless it has an uppercase letter).
    package mutating func search(_ text: String) {
        self.searchText = text.isEmpty ? nil : text
        self.searchMatches = []
        guard !text.isEmpty else { return }
        let caseSensitive = text.contains { $0.isUppercase }
        let needle = Array(caseSensitive ? text : text.lowercased())
        for (index, line) in self.lines.enumerated() {
            let haystack = Array(caseSensitive ? line : line.lowercased())
            guard haystack.count >= needle.count else { continue }
            var column = 0
            while column + needle.count <= haystack.count {
                if haystack[column] == needle[0] && Array(haystack[column..<(column + needle.count)]) == needle {
                    self.searchMatches.append(FileMatch(line: index, column: column, length: needle.count))
                    column += needle.count
                } else {
                    column += 1
                }
            }
        }
    }

    /// The first match after (or before, going backwards) the cursor line, wrapping around.
    package func nextMatch(forward: Bool) -> FileMatch? {
        guard !self.searchMatches.isEmpty else { return nil }
        if forward {
            return self.searchMatches.first { $0.line > self.cursorLine } ?? self.searchMatches.first
        }
        return self.searchMatches.last { $0.line < self.cursorLine } ?? self.searchMatches.last
    }
}
