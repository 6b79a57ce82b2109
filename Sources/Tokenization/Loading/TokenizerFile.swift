/// The parts of HF `tokenizer.json` this implementation reads, as stored in the file.
struct TokenizerFile: Decodable {
    var addedTokens: [AddedTokenEntry]
    var normalizer: JSONAny?
    var preTokenizer: JSONAny?
    var postProcessor: JSONAny?
    var decoder: JSONAny?
    var model: ModelEntry

    enum CodingKeys: String, CodingKey {
        case addedTokens = "added_tokens"
        case normalizer
        case preTokenizer = "pre_tokenizer"
        case postProcessor = "post_processor"
        case decoder
        case model
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.addedTokens = try container.decodeIfPresent([AddedTokenEntry].self, forKey: .addedTokens) ?? []
        self.normalizer = try container.decodeIfPresent(JSONAny.self, forKey: .normalizer)
        self.preTokenizer = try container.decodeIfPresent(JSONAny.self, forKey: .preTokenizer)
        self.postProcessor = try container.decodeIfPresent(JSONAny.self, forKey: .postProcessor)
        self.decoder = try container.decodeIfPresent(JSONAny.self, forKey: .decoder)
        self.model = try container.decode(ModelEntry.self, forKey: .model)
    }

    /// One `added_tokens` entry.
    struct AddedTokenEntry: Decodable {
        var id: Int
        var content: String
        var singleWord: Bool?
        var lstrip: Bool?
        var rstrip: Bool?
        var normalized: Bool?
        var special: Bool?

        enum CodingKeys: String, CodingKey {
            case id, content, lstrip, rstrip, normalized, special
            case singleWord = "single_word"
        }
    }

    /// The `model` object of a BPE tokenizer.
    struct ModelEntry: Decodable {
        var type: String?
        var vocab: [String: Int]
        var merges: [Merge]
        var dropout: Double?
        var unkToken: String?
        var continuingSubwordPrefix: String?
        var endOfWordSuffix: String?
        var byteFallback: Bool?
        var ignoreMerges: Bool?

        enum CodingKeys: String, CodingKey {
            case type, vocab, merges, dropout
            case unkToken = "unk_token"
            case continuingSubwordPrefix = "continuing_subword_prefix"
            case endOfWordSuffix = "end_of_word_suffix"
            case byteFallback = "byte_fallback"
            case ignoreMerges = "ignore_merges"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.type = try container.decodeIfPresent(String.self, forKey: .type)
            self.vocab = try container.decode([String: Int].self, forKey: .vocab)
            self.merges = try container.decodeIfPresent([Merge].self, forKey: .merges) ?? []
            self.dropout = try container.decodeIfPresent(Double.self, forKey: .dropout)
            self.unkToken = try container.decodeIfPresent(String.self, forKey: .unkToken)
            self.continuingSubwordPrefix = try container.decodeIfPresent(String.self, forKey: .continuingSubwordPrefix)
            self.endOfWordSuffix = try container.decodeIfPresent(String.self, forKey: .endOfWordSuffix)
            self.byteFallback = try container.decodeIfPresent(Bool.self, forKey: .byteFallback)
            self.ignoreMerges = try container.decodeIfPresent(Bool.self, forKey: .ignoreMerges)
        }
    }

    /// A merge rule: `"left right"` (older files) or `["left", "right"]`.
    struct Merge: Decodable {
        var left: String
        var right: String

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                let parts = text.split(separator: " ", omittingEmptySubsequences: false)
                guard parts.count == 2 else {
                    throw DecodingError.dataCorruptedError(
                        in: container, debugDescription: "expected \"left right\", got \"\(text)\"")
                }
                self.left = String(parts[0])
                self.right = String(parts[1])
            } else if let pair = try? container.decode([String].self) {
                guard pair.count == 2 else {
                    throw DecodingError.dataCorruptedError(
                        in: container, debugDescription: "expected a pair of strings, got \(pair.count) strings")
                }
                self.left = pair[0]
                self.right = pair[1]
            } else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "expected \"left right\" or [\"left\", \"right\"]")
            }
        }
    }
}
