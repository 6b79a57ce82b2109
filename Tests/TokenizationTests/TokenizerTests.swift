import Basics
import FoundationEssentials
import TestSupport
import Testing

@testable import Tokenization

/// The fixture tokenizer (the bundled tiny model's vocabulary), loaded once.
private let fixtureTokenizer = Result { try Tokenizer(modelDirectory: RepositoryLayout.tinyModel) }

private struct TokenizerCase: Decodable {
    var text: String
    var ids: [Int]
}

private func loadCases() throws -> [TokenizerCase] {
    let text = try TestFiles.readText(RepositoryLayout.fixture("tokenizer/cases.jsonl"))
    return try text.split(separator: "\n").map { try JSONDecoder().decode(TokenizerCase.self, from: Data($0.utf8)) }
}

@Suite("Tokenizer")
struct TokenizerTests {
    @Test("reproduces every case of the fixture cases.jsonl exactly")
    func fixtureCases() throws {
        let tokenizer = try fixtureTokenizer.get()
        let cases = try loadCases()
        #expect(cases.count > 100)
        for item in cases {
            #expect(tokenizer.encode(item.text) == item.ids, "text: \(item.text.debugDescription)")
        }
    }

    @Test("the bundled model and the fixture directory hold the same tokenizer")
    func fixtureFileMatchesBundledModel() throws {
        let bundled = try fixtureTokenizer.get()
        let fixture = try Tokenizer(contentsOfFile: RepositoryLayout.fixture("tokenizer/tokenizer.json"))
        #expect(bundled.vocabularySize == fixture.vocabularySize)
        #expect(bundled.vocabularySize == 2048)
        for item in try loadCases() { #expect(fixture.encode(item.text) == item.ids) }
    }

    @Test("decoding the ids of every case gives back its text")
    func roundTrip() throws {
        let tokenizer = try fixtureTokenizer.get()
        for item in try loadCases() {
            #expect(tokenizer.decode(item.ids) == item.text)
        }
    }

    @Test("BOS and EOS come from tokenizer_config.json and the special tokens have their ids")
    func specialTokenIDs() throws {
        let tokenizer = try fixtureTokenizer.get()
        #expect(tokenizer.bosTokenID == 0)
        #expect(tokenizer.eosTokenID == 1)
        #expect(tokenizer.id(forToken: "<｜User｜>") == 2037)
        #expect(tokenizer.id(forToken: "</think>") == 2040)
        #expect(tokenizer.isSpecial(2040))
        #expect(!tokenizer.isSpecial(67))
        #expect(tokenizer.token(for: 223) == "Ġ")
        #expect(tokenizer.addedTokens.count == 14)
    }

    @Test("special tokens inside text become single ids, and plain text around them is unchanged")
    func specialTokensInText() throws {
        let tokenizer = try fixtureTokenizer.get()
        let think = try #require(tokenizer.id(forToken: "<think>"))
        let endThink = try #require(tokenizer.id(forToken: "</think>"))
        let ids = tokenizer.encode("x = 1<think>let y</think>\n}")
        #expect(ids == tokenizer.encode("x = 1") + [think] + tokenizer.encode("let y") + [endThink] + tokenizer.encode("\n}"))
        #expect(ids.filter { $0 == think }.count == 1)

        let plain = tokenizer.encode("x = 1<think>let y</think>\n}", specialTokens: .asText)
        #expect(!plain.contains(think) && !plain.contains(endThink))
        #expect(tokenizer.decode(plain) == "x = 1<think>let y</think>\n}")
    }

    @Test("decode keeps special tokens by default and drops them when asked")
    func decodeSpecialTokens() throws {
        let tokenizer = try fixtureTokenizer.get()
        let ids = tokenizer.encode("<｜User｜>hi<｜Assistant｜>")
        #expect(tokenizer.decode(ids) == "<｜User｜>hi<｜Assistant｜>")
        #expect(tokenizer.decode(ids, skipSpecialTokens: true) == "hi")
        #expect(tokenizer.decode([999_999, -1] + ids) == "<｜User｜>hi<｜Assistant｜>")
    }

    @Test("added tokens match leftmost-longest")
    func addedTokensLeftmostLongest() throws {
        // Expected ids computed with HF tokenizers 0.23 on the same synthetic file.
        var synthetic = SyntheticTokenizer(merges: [("a", "a"), ("b", "c"), ("a", "b")])
        synthetic.added = [.init(id: 259, content: "<a>"), .init(id: 260, content: "<a>b")]
        let tokenizer = try synthetic.load()
        #expect(tokenizer.encode("<a>b<a><a>c") == [260, 259, 259, 99])
        #expect(tokenizer.encode("x<a>") == [120, 259])
    }

    @Test("BPE merges the lowest-ranked pair first and breaks ties leftmost")
    func mergeOrder() throws {
        // Expected ids computed with HF tokenizers 0.23 on the same synthetic file.
        let tokenizer = try SyntheticTokenizer(merges: [("a", "a"), ("b", "c"), ("a", "b")]).load()
        #expect(tokenizer.encode("aaa") == [256, 97])
        #expect(tokenizer.encode("aaaa") == [256, 256])
        #expect(tokenizer.encode("abc") == [97, 257])
        #expect(tokenizer.encode("ab") == [258])
    }
}
