import Testing

@testable import TerminalKit

@Suite("Frame diffing")
struct CellBufferDiffTests {
    @Test("without a previous frame every row is drawn")
    func firstFrame() {
        var canvas = Canvas(size: Size(width: 3, height: 2))
        canvas.write("abc", at: .zero)
        let runs = canvas.buffer.changes(from: nil)
        #expect(runs.count == 2)
        #expect(runs.reduce(0) { $0 + $1.cells.count } == 6)
    }

    @Test("only changed cells are emitted")
    func onlyChanges() {
        var first = Canvas(size: Size(width: 10, height: 3))
        first.write("hello", at: Point(x: 0, y: 1))
        var second = first
        second.write("j", at: Point(x: 0, y: 1))
        second.write("!", at: Point(x: 9, y: 2))
        let runs = second.buffer.changes(from: first.buffer)
        #expect(runs == [
            CellRun(origin: Point(x: 0, y: 1), cells: [second.buffer[0, 1]]),
            CellRun(origin: Point(x: 9, y: 2), cells: [second.buffer[9, 2]]),
        ])
        #expect(second.buffer.changes(from: second.buffer).isEmpty)
    }

    @Test("a changed wide character is sent with its continuation")
    func wideRuns() {
        var first = Canvas(size: Size(width: 6, height: 1))
        first.write("ab漢", at: .zero)
        var second = first
        second.write("字", at: Point(x: 2, y: 0))
        let runs = second.buffer.changes(from: first.buffer)
        #expect(runs.count == 1)
        #expect(runs[0].origin == Point(x: 2, y: 0))
        #expect(runs[0].cells.map(\.character) == ["字", " "])
        #expect(runs[0].cells[1].isContinuation)
    }

    @Test("a style change alone is a change")
    func styleChange() {
        var first = Canvas(size: Size(width: 2, height: 1))
        first.write("ab", at: .zero)
        var second = first
        second.applyStyle(Rect(x: 1, y: 0, width: 1, height: 1), style: Style(attributes: .reverse))
        let runs = second.buffer.changes(from: first.buffer)
        #expect(runs.map(\.origin) == [Point(x: 1, y: 0)])
    }
}
