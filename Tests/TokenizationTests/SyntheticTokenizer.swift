import FoundationEssentials

@testable import Tokenization

/// Builds small tokenizer.json files in the DeepSeek layout: a vocabulary of the 256 single bytes
/// plus whatever the merges create, with optional added tokens and deliberate defects.
struct SyntheticTokenizer {
    struct Added: Encodable {
        var id: Int
        var content: String
        var single_word = false
        var lstrip = false
        var rstrip = false
        var normalized = false
        var special = true
    }

    var merges: [(String, String)] = []
    var added: [Added] = []
    /// Replaces the third Split regex (to test rejection of other pre-tokenizers).
    var thirdPattern: String? = nil
    var normalizer: String? = nil

    /// The byte-level spelling of one byte.
    static func spell(_ text: String) -> String {
        ByteLevelAlphabet.spelling(of: Array(text.utf8))
    }

    /// The vocabulary: byte b has id b; merged tokens follow in merge order.
    var vocabulary: [String: Int] {
        var vocab: [String: Int] = [:]
        for byte in 0..<256 { vocab[ByteLevelAlphabet.spelling(of: [UInt8(byte)])] = byte }
        for (left, right) in self.merges where vocab[left + right] == nil { vocab[left + right] = vocab.count }
        return vocab
    }

    func json() throws -> [UInt8] {
        struct Pattern: Encodable { var Regex: String }
        struct Split: Encodable {
            var type = "Split"
            var pattern: Pattern
            var behavior = "Isolated"
            var invert = false
        }
        struct ByteLevel: Encodable {
            var type = "ByteLevel"
            var add_prefix_space = false
            var trim_offsets = true
            var use_regex = false
        }
        struct PreTokenizer: Encodable {
            var type = "Sequence"
            var splits: [Split]
            var byteLevel = ByteLevel()
            enum CodingKeys: String, CodingKey { case type, pretokenizers }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(self.type, forKey: .type)
                var list = container.nestedUnkeyedContainer(forKey: .pretokenizers)
                for split in self.splits { try list.encode(split) }
                try list.encode(self.byteLevel)
            }
        }
        struct Normalizer: Encodable { var type: String }
        struct Model: Encodable {
            var type = "BPE"
            var dropout: Double? = nil
            var vocab: [String: Int]
            var merges: [[String]]
        }
        struct File: Encodable {
            var version = "1.0"
            var added_tokens: [Added]
            var normalizer: Normalizer?
            var pre_tokenizer: PreTokenizer
            var decoder = ByteLevel()
            var model: Model
        }
        var patterns = DeepSeekPreTokenizer.patterns
        if let thirdPattern = self.thirdPattern { patterns[2] = thirdPattern }
        let file = File(
            added_tokens: self.added,
            normalizer: self.normalizer.map { Normalizer(type: $0) },
            pre_tokenizer: PreTokenizer(splits: patterns.map { Split(pattern: Pattern(Regex: $0)) }),
            model: Model(vocab: self.vocabulary, merges: self.merges.map { [$0.0, $0.1] })
        )
        return [UInt8](try JSONEncoder().encode(file))
    }

    func load() throws -> Tokenizer {
        try Tokenizer(json: try self.json(), path: "synthetic/tokenizer.json")
    }
}
