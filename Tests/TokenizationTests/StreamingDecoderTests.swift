import Basics
import TestSupport
import Testing

@testable import Tokenization

private let fixtureTokenizer = Result { try Tokenizer(modelDirectory: RepositoryLayout.tinyModel) }

@Suite("Streaming decoder")
struct StreamingDecoderTests {
    /// Decodes `ids` one at a time, returning every emitted chunk (the final flush last).
    private func stream(_ tokenizer: Tokenizer, _ ids: [Int]) -> [String] {
        var decoder = tokenizer.makeStreamingDecoder()
        var chunks = ids.map { decoder.append($0) }
        chunks.append(decoder.finish())
        return chunks
    }

    @Test("characters split across tokens are emitted only when complete")
    func splitCharacters() throws {
        let tokenizer = try fixtureTokenizer.get()
        let text = "Hello, 世界 😀👍🏽 naïve"
        let ids = tokenizer.encode(text)
        // The test only means something if some token holds part of a character.
        #expect(ids.contains { String(validating: tokenizer.bytes(for: $0), as: UTF8.self) == nil })
        let chunks = self.stream(tokenizer, ids)
        #expect(chunks.joined() == text)
        for chunk in chunks { #expect(!chunk.unicodeScalars.contains("\u{FFFD}")) }
        #expect(chunks.last == "")
    }

    @Test("streaming equals whole decoding for ill-formed and truncated byte sequences")
    func illFormedSequences() throws {
        let tokenizer = try fixtureTokenizer.get()
        let byteID = { (byte: UInt8) in tokenizer.id(forToken: ByteLevelAlphabet.spelling(of: [byte]))! }  // safe: all 256 bytes are in the vocabulary
        let sequences: [[UInt8]] = [
            [0xE4, 0xB8, 0x41],  // truncated 3-byte character, then A
            [0xF0, 0x9F, 0x98],  // truncated 4-byte character at the end
            [0xED, 0xA0, 0x80],  // a surrogate: ill-formed
            [0xC0, 0xAF, 0x41],  // overlong
            [0x80, 0x80, 0xE4, 0xB8, 0x96],  // stray continuations, then 世
            [0xF4, 0x90, 0x80, 0x80],  // above U+10FFFF
        ]
        for bytes in sequences {
            let ids = bytes.map(byteID)
            let whole = tokenizer.decode(ids)
            #expect(self.stream(tokenizer, ids).joined() == whole, "bytes \(bytes)")
            #expect(whole.unicodeScalars.contains("\u{FFFD}"))
        }
    }

    @Test("streaming equals whole decoding for random byte-token sequences")
    func randomSequences() throws {
        let tokenizer = try fixtureTokenizer.get()
        var generator = SplitMix64(seed: 7)
        let interesting: [UInt8] = [0x41, 0x20, 0xC3, 0xA9, 0xE4, 0xB8, 0x96, 0xF0, 0x9F, 0x98, 0x80, 0xED, 0xA0, 0xFF, 0x80]
        for _ in 0..<500 {
            let count = Int(generator.next() % 12)
            let ids = (0..<count).map { _ -> Int in
                let byte = interesting[Int(generator.next() % UInt64(interesting.count))]
                return tokenizer.id(forToken: ByteLevelAlphabet.spelling(of: [byte])) ?? 0
            }
            #expect(self.stream(tokenizer, ids).joined() == tokenizer.decode(ids))
        }
    }

    @Test("skipping special tokens while streaming")
    func skipSpecial() throws {
        let tokenizer = try fixtureTokenizer.get()
        var decoder = tokenizer.makeStreamingDecoder(skipSpecialTokens: true)
        let text = tokenizer.encode("<｜Assistant｜>ok</think>!").map { decoder.append($0) }.joined() + decoder.finish()
        #expect(text == "ok!")
    }
}
