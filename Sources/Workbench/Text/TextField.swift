import TerminalKit

/// A single-line text field's content and cursor (queries, go to line, notes). Editing
/// operations are pure value mutations; the cursor counts characters.
package struct TextField: Hashable, Sendable {
    package private(set) var text: String
    /// The cursor, 0…text.count.
    package private(set) var cursor: Int

    package init(_ text: String = "") {
        self.text = text
        self.cursor = text.count
    }

    package var isEmpty: Bool { self.text.isEmpty }

    /// Inserts `string` at the cursor (newlines become spaces: the field has one line).
    package mutating func insert(_ string: String) {
        let clean = String(string.map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : $0 })
        var characters = Array(self.text)
        characters.insert(contentsOf: clean, at: self.cursor)
        self.text = String(characters)
        self.cursor += clean.count
    }

    package mutating func deleteBackward() {
        guard self.cursor > 0 else { return }
        var characters = Array(self.text)
        characters.remove(at: self.cursor - 1)
        self.text = String(characters)
        self.cursor -= 1
    }

    package mutating func deleteForward() {
        var characters = Array(self.text)
        guard self.cursor < characters.count else { return }
        characters.remove(at: self.cursor)
        self.text = String(characters)
    }

    /// Deletes back to the start of the previous word.
    package mutating func deleteWordBackward() {
        var characters = Array(self.text)
        var start = self.cursor
        while start > 0 && characters[start - 1] == " " { start -= 1 }
        while start > 0 && characters[start - 1] != " " { start -= 1 }
        characters.removeSubrange(start..<self.cursor)
        self.text = String(characters)
        self.cursor = start
    }

    /// Deletes from the cursor to the end.
    package mutating func deleteToEnd() {
        self.text = String(self.text.prefix(self.cursor))
    }

    package mutating func moveLeft() { self.cursor = max(0, self.cursor - 1) }
    package mutating func moveRight() { self.cursor = min(self.text.count, self.cursor + 1) }
    package mutating func moveToStart() { self.cursor = 0 }
    package mutating func moveToEnd() { self.cursor = self.text.count }

    /// Replaces everything.
    package mutating func set(_ text: String) {
        self.text = text
        self.cursor = text.count
    }

    /// The text to show in `width` columns with the cursor visible, and the cursor's column.
    package func visible(width: Int) -> (text: String, cursorColumn: Int) {
        guard width > 1 else { return ("", 0) }
        let characters = Array(self.text)
        let before = TextWidth.of(String(characters[0..<self.cursor]))
        if before < width { return (TextWidth.truncate(self.text, to: width, ellipsis: ""), before) }
        // Scroll so the cursor sits at the right edge.
        var start = self.cursor
        var used = 0
        while start > 0 {
            let next = CharacterWidth.of(characters[start - 1])
            if used + next > width - 1 { break }
            used += next
            start -= 1
        }
        let shown = String(characters[start...])
        return (TextWidth.truncate(shown, to: width, ellipsis: ""), used)
    }
}
