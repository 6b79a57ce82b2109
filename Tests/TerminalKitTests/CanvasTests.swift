import Testing

@testable import TerminalKit

@Suite("Canvas drawing")
struct CanvasTests {
    @Test("wide characters occupy two cells and never split at the clip edge")
    func wideCharacters() {
        var canvas = Canvas(size: Size(width: 6, height: 1))
        let used = canvas.write("a漢字", at: .zero)
        #expect(used == 5)
        #expect(canvas.buffer[1, 0].character == "漢")
        #expect(canvas.buffer[1, 0].width == 2)
        #expect(canvas.buffer[2, 0].isContinuation)
        #expect(canvas.buffer.text(row: 0) == "a漢字 ")
        var narrow = Canvas(size: Size(width: 4, height: 1))
        narrow.write("ab漢", at: Point(x: 1, y: 0))
        #expect(narrow.buffer.text(row: 0) == " ab ")
        #expect(!narrow.buffer[3, 0].isContinuation)
    }

    @Test("overwriting half of a wide character blanks the other half")
    func overwriteHalf() {
        var canvas = Canvas(size: Size(width: 4, height: 1))
        canvas.write("漢字", at: .zero)
        canvas.write("x", at: Point(x: 1, y: 0))
        #expect(canvas.buffer.text(row: 0) == " x字")
        canvas.write("y", at: Point(x: 2, y: 0))
        #expect(canvas.buffer.text(row: 0) == " xy ")
        #expect(canvas.buffer.cells.allSatisfy { !$0.isContinuation })
    }

    @Test("combining characters stay in one cell")
    func combining() {
        var canvas = Canvas(size: Size(width: 3, height: 1))
        canvas.write("e\u{301}x", at: .zero)
        #expect(canvas.buffer[0, 0].character == "e\u{301}")
        #expect(canvas.buffer[1, 0].character == "x")
    }

    @Test("control characters become visible pictures")
    func controls() {
        var canvas = Canvas(size: Size(width: 3, height: 1))
        canvas.write("a\u{1B}b", at: .zero)
        #expect(canvas.buffer.text(row: 0) == "a\u{241B}b")
    }

    @Test("clipping drops cells outside the clip")
    func clipping() {
        var canvas = Canvas(size: Size(width: 6, height: 2))
        canvas.clipped(to: Rect(x: 2, y: 0, width: 2, height: 1)) { inner in
            inner.write("abcdef", at: .zero)
            inner.write("zzzz", at: Point(x: 2, y: 0))
            inner.write("qq", at: Point(x: 2, y: 1))
        }
        #expect(canvas.buffer.snapshot == "  zz\n")
    }

    @Test("boxes draw borders and titles")
    func boxes() {
        var canvas = Canvas(size: Size(width: 12, height: 3))
        let inner = canvas.drawBox(Rect(x: 0, y: 0, width: 12, height: 3), border: .light, style: .plain, title: [Span("Files")])
        #expect(inner == Rect(x: 1, y: 1, width: 10, height: 1))
        #expect(canvas.buffer.snapshot == "┌ Files ───┐\n│          │\n└──────────┘")
    }

    @Test("styles without a background keep the background underneath")
    func styleLayering() {
        var canvas = Canvas(size: Size(width: 2, height: 1))
        canvas.fill(Rect(x: 0, y: 0, width: 2, height: 1), style: Style(background: .blue))
        canvas.write("a", at: .zero, style: Style(foreground: .red, attributes: .bold))
        #expect(canvas.buffer[0, 0].style == Style(foreground: .red, background: .blue, attributes: .bold))
    }
}
