/// A terminal that can show frames: the ncurses backend in TerminalCurses, or `TestBackend`.
///
/// The program draws only the cells that changed since the previous frame; a backend applies
/// them, downgrading colours to its `colorDepth`, and shows them on `flush()`. Main actor only
/// (ncurses is not thread-safe).
@MainActor
package protocol Backend: AnyObject {
    /// The terminal's size in cells.
    var size: Size { get }
    /// How many colours the terminal shows.
    var colorDepth: ColorDepth { get }
    /// Draws runs of cells (continuation cells are skipped: the wide cell before covers them).
    func draw(_ runs: [CellRun])
    /// Shows the text cursor at `point`, or hides it when nil.
    func setCursor(_ point: Point?)
    /// Makes everything drawn since the last flush visible.
    func flush()
}
