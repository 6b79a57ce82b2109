import FoundationEssentials

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

    /// Decodes the JSON, turning decoding failures into one-line errors with a key path.
    static func decode(_ bytes: [UInt8], path: String) throws(TokenizerError) -> TokenizerFile {
        do {
            return try JSONDecoder().decode(TokenizerFile.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw Self.describe(error, path: path)
        } catch {
            throw .invalidJSON(path: path, detail: "\(error)")
        }
    }

    /// A `TokenizerError` for a `DecodingError`, naming the key path where it happened.
    static func describe(_ error: DecodingError, path: String) -> TokenizerError {
        func keyPath(_ codingPath: [any CodingKey]) -> String {
            var text = ""
            for key in codingPath {
                if let index = key.intValue {
                    text += "[\(index)]"
                } else {
                    text += (text.isEmpty ? "" : ".") + key.stringValue
                }
            }
            return text
        }
        switch error {
        case .keyNotFound(let key, let context):
            return .malformed(path: path, keyPath: keyPath(context.codingPath), problem: "missing key \"\(key.stringValue)\"")
        case .typeMismatch(let type, let context):
            return .malformed(path: path, keyPath: keyPath(context.codingPath), problem: "expected \(Self.name(of: type))")
        case .valueNotFound(let type, let context):
            return .malformed(path: path, keyPath: keyPath(context.codingPath), problem: "expected \(Self.name(of: type)), found null")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                let detail = context.underlyingError.map { "\($0)" } ?? context.debugDescription
                return .invalidJSON(path: path, detail: detail)
            }
            return .malformed(path: path, keyPath: keyPath(context.codingPath), problem: context.debugDescription)
        @unknown default:
            return .malformed(path: path, keyPath: "", problem: "\(error)")
        }
    }

    private static func name(of type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is Double.Type: return "a number"
        case is Bool.Type: return "a boolean"
        default:
            let text = "\(type)"
            if text.hasPrefix("Array") || text.hasPrefix("[") { return "an array" }
            if text.hasPrefix("Dictionary") || text.hasPrefix("KeyedDecodingContainer") { return "an object" }
            return "a value of type \(text)"
        }
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
        let unknownID = model.unkToken.flatMap { model.vocab[$0] } ?? -1
        var byteTokens = [Int32](repeating: Int32(unknownID), count: 256)
        for byte in 0..<256 {
            if let id = model.vocab[ByteLevelAlphabet.spelling(of: [UInt8(byte)])] { byteTokens[byte] = Int32(id) }
        }

        // Merge rules: rank = position in the list; a repeated pair keeps its last rank (as HF).
        var merges = PairRankTable(capacity: model.merges.count)
        for (rank, merge) in model.merges.enumerated() {
            let place = "model.merges[\(rank)]"
            guard let left = model.vocab[merge.left] else {
                throw .malformed(path: path, keyPath: place, problem: "\"\(merge.left)\" is not in the vocabulary")
            }
            guard let right = model.vocab[merge.right] else {
                throw .malformed(path: path, keyPath: place, problem: "\"\(merge.right)\" is not in the vocabulary")
            }
            guard let merged = model.vocab[merge.left + merge.right] else {
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
            throw .unsupported(path: path, keyPath: "normalizer", problem: "a normalizer (\(normalizer["type"]?.string ?? "?")); only null is supported")
        }
        try Self.checkPreTokenizer(file.preTokenizer, path: path)
        if let decoder = file.decoder, decoder != .null, decoder["type"]?.string != "ByteLevel" {
            throw .unsupported(path: path, keyPath: "decoder", problem: "decoder type \(decoder["type"]?.string ?? "?"); only ByteLevel is supported")
        }
        if let processor = file.postProcessor, processor != .null, processor["type"]?.string != "ByteLevel" {
            throw .unsupported(
                path: path, keyPath: "post_processor",
                problem: "post_processor type \(processor["type"]?.string ?? "?"); only ByteLevel (which adds no tokens) is supported")
        }
        let model = file.model
        if let type = model.type, type != "BPE" {
            throw .unsupported(path: path, keyPath: "model.type", problem: "model type \(type); only BPE is supported")
        }
        if let dropout = model.dropout, dropout != 0 {
            throw .unsupported(path: path, keyPath: "model.dropout", problem: "BPE dropout \(dropout)")
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
    private static func checkPreTokenizer(_ value: JSONAny?, path: String) throws(TokenizerError) {
        let expected = "the DeepSeek-V3/V4 sequence (three Split regexes, then ByteLevel with use_regex false)"
        guard let value, value["type"]?.string == "Sequence", let steps = value["pretokenizers"]?.array,
            steps.count == DeepSeekPreTokenizer.patterns.count + 1
        else {
            throw .unsupported(path: path, keyPath: "pre_tokenizer", problem: "only \(expected) is supported")
        }
        for (index, pattern) in DeepSeekPreTokenizer.patterns.enumerated() {
            let step = steps[index]
            let place = "pre_tokenizer.pretokenizers[\(index)]"
            guard step["type"]?.string == "Split", step["pattern"]?["Regex"]?.string == pattern else {
                throw .unsupported(path: path, keyPath: place, problem: "expected Split with the regex \(pattern) (\(expected))")
            }
            guard step["behavior"]?.string == "Isolated", step["invert"]?.bool != true else {
                throw .unsupported(path: path, keyPath: place, problem: "expected behavior Isolated without invert")
            }
        }
        let last = steps[DeepSeekPreTokenizer.patterns.count]
        guard last["type"]?.string == "ByteLevel", last["use_regex"]?.bool == false,
            last["add_prefix_space"]?.bool != true
        else {
            throw .unsupported(
                path: path, keyPath: "pre_tokenizer.pretokenizers[\(DeepSeekPreTokenizer.patterns.count)]",
                problem: "expected ByteLevel with use_regex false and add_prefix_space false")
        }
    }
}
