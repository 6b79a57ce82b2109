import TerminalKit

/// A multi-line text being edited (the chat composer): lines and a cursor (line, column in
/// characters). Pure value; every edit keeps the cursor inside the text.
package struct TextBuffer: Hashable, Sendable {
    package private(set) var lines: [String]
    package private(set) var cursorLine: Int
    package private(set) var cursorColumn: Int

    package init(_ text: String = "") {
        self.lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if self.lines.isEmpty { self.lines = [""] }
        self.cursorLine = self.lines.count - 1
        self.cursorColumn = self.lines[self.cursorLine].count
    }

    /// The whole text, lines joined with newlines.
    package var text: String { self.lines.joined(separator: "\n") }

    /// True when there is no text at all.
    package var isEmpty: Bool { self.lines.count == 1 && self.lines[0].isEmpty }

    package var isOnFirstLine: Bool { self.cursorLine == 0 }
    package var isOnLastLine: Bool { self.cursorLine == self.lines.count - 1 }

    /// Inserts text at the cursor; newlines split lines.
    package mutating func insert(_ string: String) {
        for character in string {
            if character == "\n" || character == "\r\n" {
                self.insertNewline()
            } else if character == "\t" {
                self.insertCharacters("    ")
            } else {
                self.insertCharacters(String(character))
            }
        }
    }

    private mutating func insertCharacters(_ string: String) {
        var characters = Array(self.lines[self.cursorLine])
        characters.insert(contentsOf: string, at: self.cursorColumn)
        self.lines[self.cursorLine] = String(characters)
        self.cursorColumn += string.count
    }

    /// Splits the line at the cursor.
    package mutating func insertNewline() {
        let characters = Array(self.lines[self.cursorLine])
        self.lines[self.cursorLine] = String(characters[0..<self.cursorColumn])
        self.lines.insert(String(characters[self.cursorColumn...]), at: self.cursorLine + 1)
        self.cursorLine += 1
        self.cursorColumn = 0
    }

    package mutating func deleteBackward() {
        if self.cursorColumn > 0 {
            var characters = Array(self.lines[self.cursorLine])
            characters.remove(at: self.cursorColumn - 1)
            self.lines[self.cursorLine] = String(characters)
            self.cursorColumn -= 1
        } else if self.cursorLine > 0 {
            let line = self.lines.remove(at: self.cursorLine)
            self.cursorLine -= 1
            self.cursorColumn = self.lines[self.cursorLine].count
            self.lines[self.cursorLine] += line
        }
    }

    package mutating func deleteForward() {
        let characters = Array(self.lines[self.cursorLine])
        if self.cursorColumn < characters.count {
            var copy = characters
            copy.remove(at: self.cursorColumn)
            self.lines[self.cursorLine] = String(copy)
        } else if self.cursorLine + 1 < self.lines.count {
            let next = self.lines.remove(at: self.cursorLine + 1)
            self.lines[self.cursorLine] += next
        }
    }

    /// Deletes back to the start of the previous word on this line (or joins lines).
    package mutating func deleteWordBackward() {
        if self.cursorColumn == 0 {
            self.deleteBackward()
            return
        }
        var characters = Array(self.lines[self.cursorLine])
        var start = self.cursorColumn
        while start > 0 && characters[start - 1] == " " { start -= 1 }
        while start > 0 && characters[start - 1] != " " { start -= 1 }
        characters.removeSubrange(start..<self.cursorColumn)
        self.lines[self.cursorLine] = String(characters)
        self.cursorColumn = start
    }

    /// Deletes from the cursor to the end of the line (or the newline when already there).
    package mutating func deleteToLineEnd() {
        let characters = Array(self.lines[self.cursorLine])
        if self.cursorColumn >= characters.count {
            self.deleteForward()
        } else {
            self.lines[self.cursorLine] = String(characters[0..<self.cursorColumn])
        }
    }

    package mutating func moveLeft() {
        if self.cursorColumn > 0 {
            self.cursorColumn -= 1
        } else if self.cursorLine > 0 {
            self.cursorLine -= 1
            self.cursorColumn = self.lines[self.cursorLine].count
        }
    }

    package mutating func moveRight() {
        if self.cursorColumn < self.lines[self.cursorLine].count {
            self.cursorColumn += 1
        } else if self.cursorLine + 1 < self.lines.count {
            self.cursorLine += 1
            self.cursorColumn = 0
        }
    }

    package mutating func moveUp() {
        guard self.cursorLine > 0 else { return }
        self.cursorLine -= 1
        self.cursorColumn = min(self.cursorColumn, self.lines[self.cursorLine].count)
    }

    package mutating func moveDown() {
        guard self.cursorLine + 1 < self.lines.count else { return }
        self.cursorLine += 1
        self.cursorColumn = min(self.cursorColumn, self.lines[self.cursorLine].count)
    }

    package mutating func moveToLineStart() { self.cursorColumn = 0 }
    package mutating func moveToLineEnd() { self.cursorColumn = self.lines[self.cursorLine].count }

    /// The word being typed at the cursor (from the last space), for `@` completion.
    package var wordBeforeCursor: String {
        let characters = Array(self.lines[self.cursorLine])[0..<self.cursorColumn]
        var start = characters.endIndex
        while start > characters.startIndex && characters[start - 1] != " " { start -= 1 }
        return String(characters[start...])
    }

    /// Replaces the word before the cursor with `replacement`.
    package mutating func replaceWordBeforeCursor(with replacement: String) {
        var characters = Array(self.lines[self.cursorLine])
        var start = self.cursorColumn
        while start > 0 && characters[start - 1] != " " { start -= 1 }
        characters.replaceSubrange(start..<self.cursorColumn, with: replacement)
        self.lines[self.cursorLine] = String(characters)
        self.cursorColumn = start + replacement.count
    }

    /// The text wrapped to `width` columns, with the cursor's row and column in the wrapped
    /// lines (soft wrap at the width, no word breaking, so cursor arithmetic stays exact).
    package func wrapped(width: Int) -> (lines: [String], cursorRow: Int, cursorColumn: Int) {
        guard width > 0 else { return ([], 0, 0) }
        var rows: [String] = []
        var cursorRow = 0
        var cursorColumn = 0
        for (index, line) in self.lines.enumerated() {
            var row = ""
            var rowWidth = 0
            var characterIndex = 0
            if index == self.cursorLine && self.cursorColumn == 0 {
                cursorRow = rows.count
                cursorColumn = 0
            }
            for character in line {
                let characterWidth = max(1, CharacterWidth.of(character))
                if rowWidth + characterWidth > width {
                    rows.append(row)
                    row = ""
                    rowWidth = 0
                }
                row.append(character)
                rowWidth += characterWidth
                characterIndex += 1
                if index == self.cursorLine && characterIndex == self.cursorColumn {
                    cursorRow = rows.count
                    cursorColumn = rowWidth
                }
            }
            if index == self.cursorLine && cursorColumn >= width {
                rows.append(row)
                row = ""
                cursorRow = rows.count
                cursorColumn = 0
            }
            rows.append(row)
        }
        return (rows, cursorRow, cursorColumn)
    }
}
