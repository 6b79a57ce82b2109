import Testing

@testable import Tokenization

/// Pieces of the DeepSeek pre-tokenizer for `text`.
private func pieces(_ text: String) -> [String] {
    var text = text
    return text.withUTF8 { bytes in
        var result: [String] = []
        DeepSeekPreTokenizer.split(bytes, scratch: DeepSeekPreTokenizer.Scratch()) { range in
            result.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self))
        }
        return result
    }
}

/// Expected pieces come from HF tokenizers 0.23 (`pre_tokenizer.pre_tokenize_str`) on the fixture
/// tokenizer.json, translated back from the byte-level alphabet.
@Suite("DeepSeek pre-tokenizer")
struct PreTokenizerTests {
    @Test("whitespace runs split at the last line break and before a word")
    func whitespace() {
        #expect(pieces("a\u{301}b  \r\n \n x\n\n  y   ") == ["a\u{301}b", "  \r\n \n", " x", "\n\n", " ", " y", "   "])
        #expect(pieces("hello   world  ") == ["hello", "  ", " world", "  "])
        #expect(pieces("a\u{A0}b\u{2003}c") == ["a", "\u{A0}b", "\u{2003}c"])
    }

    @Test("numbers split in threes and CJK runs stand alone")
    func numbersAndCJK() {
        #expect(pieces("\u{661}\u{662}\u{663}\u{664} ⅷ½ x²³ ... !!\n\n ,a") == [
            "\u{661}\u{662}\u{663}", "\u{664}", " ", "ⅷ½", " x", "²³", " ...", " !!\n\n", " ,", "a",
        ])
        #expect(pieces("12345678901") == ["123", "456", "789", "01"])
        #expect(pieces("Hello, 世界 12345 x=3;") == ["Hello", ",", " ", "世界", " ", "123", "45", " x", "=", "3", ";"])
    }

    @Test("punctuation joins a following ASCII word, and the optional leading scalar is taken")
    func punctuation() {
        #expect(pieces("'s 't McDonald's") == ["'s", " '", "t", " McDonald", "'s"])
        #expect(pieces("zero\u{200B}width") == ["zero", "\u{200B}width"])
        #expect(pieces("\u{301}combining") == ["\u{301}combining"])
    }

    @Test("every scalar of the input lands in exactly one piece")
    func coversInput() {
        let samples = ["", " ", "\t\tx", "a—b…c", "🙂🙂 x", "\u{0}\u{1}\u{7F}", "カ・ナ゛", "\r\n\r\n", "x  \n  "]
        for sample in samples { #expect(pieces(sample).joined() == sample) }
    }
}
