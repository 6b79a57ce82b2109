import Basics

/// The parts of HF `tokenizer.json` this implementation reads, taken from the parsed document
/// with errors that name the key path.
struct TokenizerFile {
    var addedTokens: [AddedTokenEntry]
    var normalizer: OrderedJSON?
    var preTokenizer: OrderedJSON?
    var postProcessor: OrderedJSON?
    var decoder: OrderedJSON?
    var model: ModelEntry

    /// One `added_tokens` entry.
    struct AddedTokenEntry {
        var id: Int
        var content: String
        var singleWord: Bool?
        var lstrip: Bool?
        var rstrip: Bool?
        var normalized: Bool?
        var special: Bool?
    }

    /// The `model` object of a BPE tokenizer.
    struct ModelEntry {
        var type: String?
        /// `vocab` members in file order.
        var vocab: [(token: String, id: Int)]
        var merges: [(left: String, right: String)]
        var dropout: OrderedJSON?
        var unkToken: String?
        var continuingSubwordPrefix: String?
        var endOfWordSuffix: String?
        var byteFallback: Bool?
        var ignoreMerges: Bool?
    }

    /// Reads the fields from a parsed document.
    init(_ tree: OrderedJSON, path: String) throws(TokenizerError) {
        let read = FieldReader(path: path)
        guard case .object = tree else { throw .malformed(path: path, keyPath: "", problem: "expected an object, found \(tree.kindName)") }
        self.normalizer = tree["normalizer"]
        self.preTokenizer = tree["pre_tokenizer"]
        self.postProcessor = tree["post_processor"]
        self.decoder = tree["decoder"]

        self.addedTokens = []
        if let list = tree["added_tokens"], list != .null {
            for (index, entry) in try read.array(list, "added_tokens").enumerated() {
                let place = "added_tokens[\(index)]"
                guard case .object = entry else { throw read.mismatch(place, "an object", entry) }
                self.addedTokens.append(
                    AddedTokenEntry(
                        id: try read.integer(try read.required(entry, "id", place), place + ".id"),
                        content: try read.string(try read.required(entry, "content", place), place + ".content"),
                        singleWord: try read.optionalBool(entry["single_word"], place + ".single_word"),
                        lstrip: try read.optionalBool(entry["lstrip"], place + ".lstrip"),
                        rstrip: try read.optionalBool(entry["rstrip"], place + ".rstrip"),
                        normalized: try read.optionalBool(entry["normalized"], place + ".normalized"),
                        special: try read.optionalBool(entry["special"], place + ".special")))
            }
        }

        let model = try read.required(tree, "model", "")
        guard case .object = model else { throw read.mismatch("model", "an object", model) }
        guard case .object(let vocabMembers) = try read.required(model, "vocab", "model") else {
            throw read.mismatch("model.vocab", "an object", model["vocab"] ?? .null)
        }
        var vocab: [(token: String, id: Int)] = []
        vocab.reserveCapacity(vocabMembers.count)
        for member in vocabMembers {
            vocab.append((member.key, try read.integer(member.value, "model.vocab[\"\(member.key)\"]")))
        }
        var merges: [(left: String, right: String)] = []
        if let list = model["merges"], list != .null {
            let elements = try read.array(list, "model.merges")
            merges.reserveCapacity(elements.count)
            for (index, element) in elements.enumerated() {
                merges.append(try Self.merge(element, "model.merges[\(index)]", read))
            }
        }
        self.model = ModelEntry(
            type: try read.optionalString(model["type"], "model.type"),
            vocab: vocab,
            merges: merges,
            dropout: model["dropout"],
            unkToken: try read.optionalString(model["unk_token"], "model.unk_token"),
            continuingSubwordPrefix: try read.optionalString(model["continuing_subword_prefix"], "model.continuing_subword_prefix"),
            endOfWordSuffix: try read.optionalString(model["end_of_word_suffix"], "model.end_of_word_suffix"),
            byteFallback: try read.optionalBool(model["byte_fallback"], "model.byte_fallback"),
            ignoreMerges: try read.optionalBool(model["ignore_merges"], "model.ignore_merges"))
    }

    /// A merge rule: `"left right"` (older files) or `["left", "right"]`.
    private static func merge(_ element: OrderedJSON, _ place: String, _ read: FieldReader) throws(TokenizerError) -> (left: String, right: String) {
        switch element {
        case .string(let text):
            let parts = text.split(separator: " ", omittingEmptySubsequences: false)
            guard parts.count == 2 else {
                throw .malformed(path: read.path, keyPath: place, problem: "expected \"left right\", got \"\(text)\"")
            }
            return (String(parts[0]), String(parts[1]))
        case .array(let pair):
            guard pair.count == 2, let left = pair[0].stringValue, let right = pair[1].stringValue else {
                throw .malformed(path: read.path, keyPath: place, problem: "expected a pair of strings")
            }
            return (left, right)
        default:
            throw read.mismatch(place, "\"left right\" or [\"left\", \"right\"]", element)
        }
    }
}

/// Typed access to JSON fields, with errors naming the file and key path.
struct FieldReader {
    let path: String

    func mismatch(_ keyPath: String, _ expected: String, _ found: OrderedJSON) -> TokenizerError {
        .malformed(path: self.path, keyPath: keyPath, problem: "expected \(expected), found \(found.kindName)")
    }

    func required(_ object: OrderedJSON, _ key: String, _ keyPath: String) throws(TokenizerError) -> OrderedJSON {
        guard let value = object[key] else {
            throw .malformed(path: self.path, keyPath: keyPath, problem: "missing key \"\(key)\"")
        }
        return value
    }

    func array(_ value: OrderedJSON, _ keyPath: String) throws(TokenizerError) -> [OrderedJSON] {
        guard let elements = value.arrayValue else { throw self.mismatch(keyPath, "an array", value) }
        return elements
    }

    func string(_ value: OrderedJSON, _ keyPath: String) throws(TokenizerError) -> String {
        guard let text = value.stringValue else { throw self.mismatch(keyPath, "a string", value) }
        return text
    }

    func integer(_ value: OrderedJSON, _ keyPath: String) throws(TokenizerError) -> Int {
        guard let number = value.integerValue else { throw self.mismatch(keyPath, "an integer", value) }
        return number
    }

    func optionalString(_ value: OrderedJSON?, _ keyPath: String) throws(TokenizerError) -> String? {
        guard let value, value != .null else { return nil }
        return try self.string(value, keyPath)
    }

    func optionalBool(_ value: OrderedJSON?, _ keyPath: String) throws(TokenizerError) -> Bool? {
        guard let value, value != .null else { return nil }
        guard let flag = value.boolValue else { throw self.mismatch(keyPath, "a boolean", value) }
        return flag
    }
}
