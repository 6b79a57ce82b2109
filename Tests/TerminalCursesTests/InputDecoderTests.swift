import TerminalKit
import Testing

@testable import TerminalCurses

@Suite("Decoding curses input into events")
struct InputDecoderTests {
    func scalars(_ text: String) -> [InputDecoder.Raw] {
        text.unicodeScalars.map { .scalar($0.value) }
    }

    @Test("control codes become named keys and ctrl-letters")
    func controls() {
        var decoder = InputDecoder()
        let events = decoder.feed([.scalar(0x0D), .scalar(0x09), .scalar(0x7F), .scalar(0x08), .scalar(0x03), .scalar(0x0A), .scalar(0x00)])
        #expect(events == [.key(.enter), .key(.tab), .key(.backspace), .key(.backspace), .key(.control("c")), .key(.control("j")), .key(.control(" "))])
    }

    @Test("ESC followed by a key in the same read is alt-key")
    func altKeys() {
        var decoder = InputDecoder()
        #expect(decoder.feed([.scalar(0x1B), .scalar(UInt32(UInt8(ascii: "x")))]) == [.key(.alt("x"))])
        #expect(decoder.feed([.scalar(0x1B), .key(.up)]) == [.key(Key(.up, modifiers: .alt))])
        #expect(decoder.feed([.scalar(0x1B), .scalar(0x0D)]) == [.key(Key(.enter, modifiers: .alt))])
        #expect(!decoder.hasPendingEscape)
    }

    @Test("a lone ESC waits for the escape delay, then is Escape")
    func loneEscape() {
        var decoder = InputDecoder()
        #expect(decoder.feed([.scalar(0x1B)]).isEmpty)
        #expect(decoder.hasPendingEscape)
        #expect(decoder.flushPendingEscape() == [.key(.escape)])
        #expect(!decoder.hasPendingEscape)
        // A key arriving before the timer combines with it.
        #expect(decoder.feed([.scalar(0x1B)]).isEmpty)
        #expect(decoder.feed([.scalar(UInt32(UInt8(ascii: "b")))]) == [.key(.alt("b"))])
        // Two ESCs: the first is Escape, the second waits.
        #expect(decoder.feed([.scalar(0x1B), .scalar(0x1B)]) == [.key(.escape)])
        #expect(decoder.flushPendingEscape() == [.key(.escape)])
    }

    @Test("bracketed paste arrives as one paste event with newlines")
    func paste() {
        var decoder = InputDecoder()
        let events = decoder.feed(self.scalars("\u{1B}[200~line one\rline two q\u{1B}[201~x"))
        #expect(events == [.paste("line one\nline two q"), .key(.character("x"))])
        // Split across reads.
        #expect(decoder.feed(self.scalars("\u{1B}[20")).isEmpty)
        #expect(decoder.feed(self.scalars("0~abc")).isEmpty)
        #expect(decoder.feed(self.scalars("\u{1B}[201~")) == [.paste("abc")])
    }

    @Test("ESC [ that is not a paste start is alt-[ and the keys after it")
    func notAPaste() {
        var decoder = InputDecoder()
        #expect(decoder.feed(self.scalars("\u{1B}[2")).isEmpty)
        #expect(decoder.flushPendingEscape() == [.key(.alt("[")), .key(.character("2"))])
        #expect(decoder.feed(self.scalars("\u{1B}[a")) == [.key(.alt("[")), .key(.character("a"))])
    }

    @Test("wide characters, resizes and mouse events pass through")
    func passThrough() {
        var decoder = InputDecoder()
        let mouse = MouseEvent(.press(button: 1), at: Point(x: 3, y: 4))
        let events = decoder.feed(self.scalars("漢") + [.resize(Size(width: 90, height: 30)), .mouse(mouse)])
        #expect(events == [.key(.character("漢")), .resize(Size(width: 90, height: 30)), .mouse(mouse)])
    }
}
