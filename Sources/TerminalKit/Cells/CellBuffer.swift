/// A grid of cells: what one frame looks like. Views draw into one through a `Canvas`; the
/// renderer diffs it against the previous frame so only changed cells reach the terminal.
package struct CellBuffer: Hashable, Sendable {
    package private(set) var size: Size
    /// Row-major cells. // [height * width]
    package private(set) var cells: [Cell]

    /// A buffer of `size` filled with `fill`.
    package init(size: Size, fill: Cell = .blank()) {
        self.size = size
        self.cells = Array(repeating: fill, count: size.area)
    }

    /// The cell at column `x`, row `y` (which must be inside).
    package subscript(x: Int, y: Int) -> Cell {
        get { self.cells[y * self.size.width + x] }
        set { self.cells[y * self.size.width + x] = newValue }
    }

    /// True when (`x`, `y`) is inside the buffer.
    package func contains(x: Int, y: Int) -> Bool {
        x >= 0 && y >= 0 && x < self.size.width && y < self.size.height
    }

    /// Row `y` as text: wide characters once, continuations skipped, trailing spaces kept.
    package func text(row y: Int) -> String {
        var line = ""
        for x in 0..<self.size.width {
            let cell = self[x, y]
            if !cell.isContinuation { line.append(cell.character) }
        }
        return line
    }

    /// Every row as text (see `text(row:)`).
    package var lines: [String] {
        (0..<self.size.height).map { self.text(row: $0) }
    }

    /// The rows joined with newlines, trailing spaces trimmed: a readable snapshot for tests.
    package var snapshot: String {
        self.lines.map { line in
            var trimmed = Substring(line)
            while trimmed.last == " " { trimmed = trimmed.dropLast() }
            return String(trimmed)
        }.joined(separator: "\n")
    }
}
