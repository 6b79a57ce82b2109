/// A backend that keeps the screen in memory, for tests: frames can be read back as text
/// (`snapshot`) and individual cells inspected, and it counts what each frame redrew.
@MainActor
package final class TestBackend: Backend {
    package private(set) var size: Size
    package var colorDepth: ColorDepth
    /// What the terminal would show now.
    package private(set) var screen: CellBuffer
    package private(set) var cursor: Point?
    /// How many times `flush` was called (one per rendered frame).
    package private(set) var flushCount = 0
    /// Cells written since the last flush (the size of the last frame's diff, once flushed).
    package private(set) var cellsDrawnInLastFrame = 0
    private var cellsDrawnSinceFlush = 0

    package init(size: Size, colorDepth: ColorDepth = .truecolor) {
        self.size = size
        self.colorDepth = colorDepth
        self.screen = CellBuffer(size: size)
    }

    /// Simulates a terminal resize: the screen is cleared like a real terminal's after SIGWINCH.
    package func resize(to size: Size) {
        self.size = size
        self.screen = CellBuffer(size: size)
    }

    package func draw(_ runs: [CellRun]) {
        for run in runs {
            var x = run.origin.x
            for cell in run.cells {
                defer { x += 1 }
                guard self.screen.contains(x: x, y: run.origin.y) else { continue }
                var stored = cell
                stored.style = cell.style.downgraded(to: self.colorDepth)
                self.screen[x, run.origin.y] = stored
                if !cell.isContinuation { self.cellsDrawnSinceFlush += 1 }
            }
        }
    }

    package func setCursor(_ point: Point?) {
        self.cursor = point
    }

    package func flush() {
        self.flushCount += 1
        self.cellsDrawnInLastFrame = self.cellsDrawnSinceFlush
        self.cellsDrawnSinceFlush = 0
    }

    /// The screen as text, one line per row, trailing spaces trimmed.
    package var snapshot: String { self.screen.snapshot }

    /// Row `y` as text.
    package func line(_ y: Int) -> String { self.screen.text(row: y) }

    /// The cell at (`x`, `y`).
    package func cell(x: Int, y: Int) -> Cell { self.screen[x, y] }

    /// The position of the first occurrence of `text` on screen, if any.
    package func find(_ text: String) -> Point? {
        for y in 0..<self.size.height {
            let line = Array(self.screen.text(row: y))
            let needle = Array(text)
            guard needle.count <= line.count, !needle.isEmpty else { continue }
            for start in 0...(line.count - needle.count) where Array(line[start..<(start + needle.count)]) == needle {
                // Convert the character index to a column (wide characters take two).
                let column = TextWidth.of(String(line[0..<start]))
                return Point(x: column, y: y)
            }
        }
        return nil
    }
}
