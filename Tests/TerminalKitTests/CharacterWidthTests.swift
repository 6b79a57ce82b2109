import Testing

@testable import TerminalKit

@Suite("Character widths")
struct CharacterWidthTests {
    @Test("ASCII is one column, controls none")
    func ascii() {
        #expect(CharacterWidth.of("a") == 1)
        #expect(CharacterWidth.of(" ") == 1)
        #expect(CharacterWidth.of("\u{7}") == 0)
        #expect(CharacterWidth.of("\u{1B}") == 0)
    }

    @Test("CJK, fullwidth forms and emoji take two columns")
    func wide() {
        #expect(CharacterWidth.of("漢") == 2)
        #expect(CharacterWidth.of("한") == 2)
        #expect(CharacterWidth.of("ア") == 2)
        #expect(CharacterWidth.of("Ａ") == 2)
        #expect(CharacterWidth.of("😀") == 2)
        #expect(CharacterWidth.of("🇫🇷") == 2)
        #expect(CharacterWidth.of("❤️") == 2)
        #expect(CharacterWidth.of("👩‍💻") == 2)
    }

    @Test("combining marks add no width to their base")
    func combining() {
        let composed: Character = "e\u{301}"
        #expect(CharacterWidth.of(composed) == 1)
        #expect(TextWidth.of("cafe\u{301}") == 4)
        #expect(CharacterWidth.of("\u{301}") == 0)
        #expect(CharacterWidth.of("\u{200B}") == 0)
    }

    @Test("strings measure, truncate and pad by columns")
    func strings() {
        #expect(TextWidth.of("日本語abc") == 9)
        #expect(TextWidth.truncate("日本語abc", to: 5) == "日本…")
        #expect(TextWidth.truncate("short", to: 10) == "short")
        #expect(TextWidth.pad("ab", to: 4) == "ab  ")
        #expect(TextWidth.truncateLeading("src/deep/path/file.swift", to: 12) == "…/file.swift")
    }

    @Test("wrapping breaks at spaces and inside long words")
    func wrapping() {
        #expect(TextWidth.wrap("the quick brown fox", width: 10) == ["the quick", "brown fox"])
        #expect(TextWidth.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        #expect(TextWidth.wrap("a\n\nb", width: 4) == ["a", "", "b"])
    }
}
