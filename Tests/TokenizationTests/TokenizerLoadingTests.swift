import Basics
import TestSupport
import Testing

@testable import Tokenization

@Suite("Loading tokenizer.json")
struct TokenizerLoadingTests {
    /// Loads `bytes` as synthetic/tokenizer.json and returns the error's one-line description.
    private func failure(_ bytes: [UInt8]) -> String? {
        do {
            _ = try Tokenizer(json: bytes, path: "synthetic/tokenizer.json")
            return nil
        } catch {
            return error.description
        }
    }

    private func text(_ synthetic: SyntheticTokenizer) throws -> String {
        String(decoding: try synthetic.json(), as: UTF8.self)
    }

    @Test("truncated JSON is one error naming the file")
    func truncated() throws {
        let bytes = try SyntheticTokenizer().json()
        let message = try #require(self.failure(Array(bytes.prefix(bytes.count / 2))))
        #expect(message.hasPrefix("synthetic/tokenizer.json is not valid JSON"))
        #expect(!message.contains("\n"))
    }

    @Test("a missing vocabulary names the key")
    func missingVocabulary() throws {
        let text = try self.text(SyntheticTokenizer()).replacingOccurrences("\"vocab\"", "\"vocabulary\"")
        let message = try #require(self.failure(Array(text.utf8)))
        #expect(message == "synthetic/tokenizer.json: model: missing key \"vocab\"")
    }

    @Test("a merge of unknown tokens names the merge")
    func mergeOfUnknownTokens() throws {
        var synthetic = SyntheticTokenizer(merges: [("a", "b")])
        var text = try self.text(synthetic)
        synthetic.merges = []
        text = text.replacingOccurrences("[\"a\",\"b\"]", "[\"a\",\"zzz\"]")
        let message = try #require(self.failure(Array(text.utf8)))
        #expect(message == "synthetic/tokenizer.json: model.merges[0]: \"zzz\" is not in the vocabulary")
    }

    @Test("merges of the wrong shape name the entry")
    func badMergeShape() throws {
        let text = try self.text(SyntheticTokenizer(merges: [("a", "b")])).replacingOccurrences("[\"a\",\"b\"]", "[\"a\"]")
        let message = try #require(self.failure(Array(text.utf8)))
        #expect(message.hasPrefix("synthetic/tokenizer.json: model.merges[0]: expected a pair of strings"))
    }

    @Test("a vocabulary value of the wrong type names the place")
    func wrongType() throws {
        let text = try self.text(SyntheticTokenizer()).replacingOccurrences("\"type\":\"BPE\"", "\"type\":7")
        let message = try #require(self.failure(Array(text.utf8)))
        #expect(message == "synthetic/tokenizer.json: model.type: expected a string, found a number")
    }

    @Test("another pre-tokenizer regex is rejected as unsupported")
    func otherPreTokenizer() throws {
        let message = try #require(self.failure(try SyntheticTokenizer(thirdPattern: "\\s+").json()))
        #expect(message.hasPrefix("synthetic/tokenizer.json: pre_tokenizer.pretokenizers[2]: unsupported: expected Split"))
    }

    @Test("a normalizer is rejected as unsupported")
    func normalizer() throws {
        let message = try #require(self.failure(try SyntheticTokenizer(normalizer: "NFC").json()))
        #expect(message == "synthetic/tokenizer.json: normalizer: unsupported: a normalizer (NFC); only null is supported")
    }

    @Test("a missing file and a directory without tokenizer.json give one clear line")
    func missingFiles() throws {
        let directory = try TemporaryDirectory("tok")
        #expect(throws: TokenizerError.unreadable(path: directory.path + "/tokenizer.json", reason: "no such file")) {
            try Tokenizer(modelDirectory: directory.path)
        }
        #expect(throws: TokenizerError.unreadable(path: directory.path + "/nope", reason: "not a directory")) {
            try Tokenizer(modelDirectory: directory.path + "/nope")
        }
    }

    @Test("a tokenizer_config.json naming an unknown EOS is an error")
    func unknownEOS() throws {
        let directory = try TemporaryDirectory("tok")
        try directory.write("tokenizer.json", bytes: try SyntheticTokenizer().json())
        try directory.write("tokenizer_config.json", "{\"eos_token\": \"<eos>\"}")
        let error = #expect(throws: TokenizerError.self) { try Tokenizer(modelDirectory: directory.path) }
        #expect(error?.description.contains("eos_token \"<eos>\" from tokenizer_config.json is not in the vocabulary") == true)
    }
}

extension String {
    /// `self` with every occurrence of `target` replaced (FoundationEssentials has no such API).
    fileprivate func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        self.split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
