/// A run of changed cells on one row, to be drawn left to right starting at `origin`.
package struct CellRun: Hashable, Sendable {
    package var origin: Point
    /// The cells in order, continuations included (backends skip them; wide cells cover them).
    package var cells: [Cell]

    package init(origin: Point, cells: [Cell]) {
        self.origin = origin
        self.cells = cells
    }
}

extension CellBuffer {
    /// The runs of cells that differ from `previous`; everything when the sizes differ.
    ///
    /// A wide character's two halves always travel together: when either half changed, the run
    /// starts at the wide cell, so a terminal never sees half of a wide character redrawn.
    ///
    /// - Complexity: O(width × height).
    package func changes(from previous: CellBuffer?) -> [CellRun] {
        guard let previous, previous.size == self.size else {
            return (0..<self.size.height).map { y in
                CellRun(origin: Point(x: 0, y: y), cells: Array(self.cells[(y * self.size.width)..<((y + 1) * self.size.width)]))
            }
        }
        var runs: [CellRun] = []
        let width = self.size.width
        for y in 0..<self.size.height {
            let rowStart = y * width
            var x = 0
            while x < width {
                if self.cells[rowStart + x] == previous.cells[rowStart + x] {
                    x += 1
                    continue
                }
                var start = x
                // Start at the wide cell when only its continuation changed.
                if self.cells[rowStart + x].isContinuation && x > 0 { start = x - 1 }
                var end = x + 1
                while end < width && self.cells[rowStart + end] != previous.cells[rowStart + end] { end += 1 }
                // Keep a changed wide cell's continuation in the run.
                if end < width && self.cells[rowStart + end].isContinuation { end += 1 }
                if let last = runs.last, last.origin.y == y, last.origin.x + last.cells.count >= start {
                    let overlap = last.origin.x + last.cells.count - start
                    runs[runs.count - 1].cells.append(contentsOf: self.cells[(rowStart + start + overlap)..<(rowStart + end)])
                } else {
                    runs.append(CellRun(origin: Point(x: start, y: y), cells: Array(self.cells[(rowStart + start)..<(rowStart + end)])))
                }
                x = end
            }
        }
        return runs
    }
}
