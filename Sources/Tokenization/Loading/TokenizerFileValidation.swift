import Basics

/// Checks a decoded tokenizer.json against what this implementation supports and builds the
/// lookup tables `Tokenizer` uses.
enum TokenizerFileValidation {
    /// The largest token id accepted (guards the id-indexed tables against absurd files).
    static let maximumID = 1 << 24

    /// The tables built from a valid file.
    struct Tables {
        var model: BPEModel
        var addedTokens: [AddedToken]
        var tokenStrings: [String?]
        var specialFlags: [Bool]
        var idsByToken: [String: Int]
    }

    /// Parses the JSON and reads the fields.
    static func decode(_ bytes: [UInt8], path: String) throws(TokenizerError) -> TokenizerFile {
        let tree = try OrderedJSON.parseTokenizerFile(bytes, path: path)
        return try TokenizerFile(tree, path: path)
    }

    /// Validates the pipeline and builds the tables.
    static func build(_ file: TokenizerFile, path: String) throws(TokenizerError) -> Tables {
        try Self.checkPipeline(file, path: path)
        let model = file.model

        // Vocabulary and added tokens, by id.
        var largestID = -1
        for (token, id) in model.vocab {
            guard id >= 0 && id < Self.maximumID else {
                throw .malformed(path: path, keyPath: "model.vocab", problem: "id \(id) of \"\(token)\" is out of range 0..<\(Self.maximumID)")
            }
            largestID = max(largestID, id)
        }
        for (index, entry) in file.addedTokens.enumerated() {
            guard entry.id >= 0 && entry.id < Self.maximumID else {
                throw .malformed(path: path, keyPath: "added_tokens[\(index)].id", problem: "id \(entry.id) is out of range 0..<\(Self.maximumID)")
            }
            largestID = max(largestID, entry.id)
        }
        var tokenStrings = [String?](repeating: nil, count: largestID + 1)
        var idsByToken: [String: Int] = [:]
        idsByToken.reserveCapacity(model.vocab.count + file.addedTokens.count)
        for (token, id) in model.vocab {
            if let existing = tokenStrings[id] {
                throw .malformed(path: path, keyPath: "model.vocab", problem: "id \(id) is given to both \"\(existing)\" and \"\(token)\"")
            }
            tokenStrings[id] = token
            idsByToken[token] = id
        }

        var specialFlags = [Bool](repeating: false, count: largestID + 1)
        var addedTokens: [AddedToken] = []
        for (index, entry) in file.addedTokens.enumerated() {
            let place = "added_tokens[\(index)]"
            guard !entry.content.isEmpty else {
                throw .malformed(path: path, keyPath: place + ".content", problem: "empty token")
            }
            for (flag, name) in [(entry.lstrip, "lstrip"), (entry.rstrip, "rstrip"), (entry.singleWord, "single_word")]
            where flag == true {
                throw .unsupported(path: path, keyPath: place, problem: "\(name) = true on \"\(entry.content)\"")
            }
            let special = entry.special ?? false
            tokenStrings[entry.id] = entry.content
            idsByToken[entry.content] = entry.id
            specialFlags[entry.id] = special
            addedTokens.append(
                AddedToken(id: entry.id, content: entry.content, isSpecial: special, isNormalized: entry.normalized ?? !special))
        }

        // Single bytes.
        var vocabulary: [String: Int] = [:]
        vocabulary.reserveCapacity(model.vocab.count)
        for (token, id) in model.vocab { vocabulary[token] = id }
        let unknownID = model.unkToken.flatMap { vocabulary[$0] } ?? -1
        var byteTokens = [Int32](repeating: Int32(unknownID), count: 256)
        for byte in 0..<256 {
            if let id = vocabulary[ByteLevelAlphabet.spelling(of: [UInt8(byte)])] { byteTokens[byte] = Int32(id) }
        }

        // Merge rules: rank = position in the list; a repeated pair keeps its last rank (as HF).
        var merges = PairRankTable(capacity: model.merges.count)
        for (rank, merge) in model.merges.enumerated() {
            let place = "model.merges[\(rank)]"
            guard let left = vocabulary[merge.left] else {
                throw .malformed(path: path, keyPath: place, problem: "\"\(merge.left)\" is not in the vocabulary")
            }
            guard let right = vocabulary[merge.right] else {
                throw .malformed(path: path, keyPath: place, problem: "\"\(merge.right)\" is not in the vocabulary")
            }
            guard let merged = vocabulary[merge.left + merge.right] else {
                throw .malformed(path: path, keyPath: place, problem: "the merged token \"\(merge.left + merge.right)\" is not in the vocabulary")
            }
            merges.insert(left: Int32(left), right: Int32(right), rank: Int32(rank), merged: Int32(merged))
        }

        return Tables(
            model: BPEModel(byteTokens: byteTokens, merges: merges),
            addedTokens: addedTokens,
            tokenStrings: tokenStrings,
            specialFlags: specialFlags,
            idsByToken: idsByToken
        )
    }

    /// Rejects normalizers, pre-tokenizers, decoders and model options that would change ids.
    private static func checkPipeline(_ file: TokenizerFile, path: String) throws(TokenizerError) {
        if let normalizer = file.normalizer, normalizer != .null {
            throw .unsupported(path: path, keyPath: "normalizer", problem: "a normalizer (\(normalizer["type"]?.stringValue ?? "?")); only null is supported")
        }
        try Self.checkPreTokenizer(file.preTokenizer, path: path)
        if let decoder = file.decoder, decoder != .null, decoder["type"]?.stringValue != "ByteLevel" {
            throw .unsupported(path: path, keyPath: "decoder", problem: "decoder type \(decoder["type"]?.stringValue ?? "?"); only ByteLevel is supported")
        }
        if let processor = file.postProcessor, processor != .null, processor["type"]?.stringValue != "ByteLevel" {
            throw .unsupported(
                path: path, keyPath: "post_processor",
                problem: "post_processor type \(processor["type"]?.stringValue ?? "?"); only ByteLevel (which adds no tokens) is supported")
        }
        let model = file.model
        if let type = model.type, type != "BPE" {
            throw .unsupported(path: path, keyPath: "model.type", problem: "model type \(type); only BPE is supported")
        }
        if let dropout = model.dropout, dropout != .null, dropout != .number("0"), dropout != .number("0.0") {
            throw .unsupported(path: path, keyPath: "model.dropout", problem: "BPE dropout")
        }
        if model.byteFallback == true {
            throw .unsupported(path: path, keyPath: "model.byte_fallback", problem: "byte fallback")
        }
        if let prefix = model.continuingSubwordPrefix, !prefix.isEmpty {
            throw .unsupported(path: path, keyPath: "model.continuing_subword_prefix", problem: "\"\(prefix)\"")
        }
        if let suffix = model.endOfWordSuffix, !suffix.isEmpty {
            throw .unsupported(path: path, keyPath: "model.end_of_word_suffix", problem: "\"\(suffix)\"")
        }
        if model.ignoreMerges == true {
            throw .unsupported(path: path, keyPath: "model.ignore_merges", problem: "ignore_merges = true")
        }
    }

    /// Requires exactly the DeepSeek-V3/V4 pre-tokenizer sequence.
    private static func checkPreTokenizer(_ value: OrderedJSON?, path: String) throws(TokenizerError) {
        let expected = "the DeepSeek-V3/V4 sequence (three Split regexes, then ByteLevel with use_regex false)"
        guard let value, value["type"]?.stringValue == "Sequence", let steps = value["pretokenizers"]?.arrayValue,
            steps.count == DeepSeekPreTokenizer.patterns.count + 1
        else {
            throw .unsupported(path: path, keyPath: "pre_tokenizer", problem: "only \(expected) is supported")
        }
        for (index, pattern) in DeepSeekPreTokenizer.patterns.enumerated() {
            let step = steps[index]
            let place = "pre_tokenizer.pretokenizers[\(index)]"
            guard step["type"]?.stringValue == "Split", step["pattern"]?["Regex"]?.stringValue == pattern else {
                throw .unsupported(path: path, keyPath: place, problem: "expected Split with the regex \(pattern) (\(expected))")
            }
            guard step["behavior"]?.stringValue == "Isolated", step["invert"]?.boolValue != true else {
                throw .unsupported(path: path, keyPath: place, problem: "expected behavior Isolated without invert")
            }
        }
        let last = steps[DeepSeekPreTokenizer.patterns.count]
        guard last["type"]?.stringValue == "ByteLevel", last["use_regex"]?.boolValue == false,
            last["add_prefix_space"]?.boolValue != true
        else {
            throw .unsupported(
                path: path, keyPath: "pre_tokenizer.pretokenizers[\(DeepSeekPreTokenizer.patterns.count)]",
                problem: "expected ByteLevel with use_regex false and add_prefix_space false")
        }
    }
}
