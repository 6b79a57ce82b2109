/// A byte-level BPE tokenizer loaded from HF `tokenizer.json`, with the DeepSeek-V3/V4
/// pre-tokenisation and added (special) tokens matched in text.
///
/// Encoding: added tokens are split out first (leftmost-longest), the text between them is
/// pre-tokenized by `DeepSeekPreTokenizer`, and every piece is turned into ids by `BPEModel`.
/// Decoding concatenates each token's bytes and decodes UTF-8, replacing ill-formed sequences
/// with U+FFFD; `StreamingDecoder` does the same incrementally. Reproduces HF `tokenizers`
/// (`Tokenizer.encode(text).ids` and `decode`) on the files it accepts; everything else in the
/// file that would change ids is rejected at load time with `TokenizerError.unsupported`.
package struct Tokenizer: Sendable {
    /// How `encode` treats added-token text such as `<｜User｜>` inside its input.
    package enum SpecialTokenHandling: Sendable {
        /// Added tokens in the text become their single ids (what HF `tokenizers` does).
        case match
        /// The text is tokenized as plain text, added tokens included.
        case asText
    }

    private let model: BPEModel
    private let rawMatcher: AddedTokenMatcher
    private let normalizedMatcher: AddedTokenMatcher
    /// The bytes each id decodes to: `tokenBytes[tokenOffsets[id]..<tokenOffsets[id + 1]]`.
    private let tokenBytes: [UInt8]
    private let tokenOffsets: [Int]  // [vocabularySize + 1]
    /// The token as spelled in tokenizer.json (byte-level alphabet, or added-token content).
    private let tokenStrings: [String?]  // [vocabularySize]
    private let specialFlags: [Bool]  // [vocabularySize]
    private let idsByToken: [String: Int]

    /// The added tokens, in file order.
    package let addedTokens: [AddedToken]
    /// The id of the beginning-of-sentence token, if known.
    package let bosTokenID: Int?
    /// The id of the end-of-sentence token (generation stops there), if known.
    package let eosTokenID: Int?

    /// One more than the largest id (the size an embedding table needs).
    package var vocabularySize: Int { self.tokenStrings.count }

    // MARK: - Loading

    /// Loads `directory/tokenizer.json` and, when present, `directory/tokenizer_config.json`
    /// (for the BOS and EOS tokens).
    package init(modelDirectory directory: String) throws(TokenizerError) {
        guard FileSystemProbe.isDirectory(directory) else {
            throw .unreadable(path: directory, reason: "not a directory")
        }
        let configPath = directory + "/tokenizer_config.json"
        let config = FileSystemProbe.exists(configPath) ? try TokenizerConfig.load(configPath) : nil
        try self.init(contentsOfFile: directory + "/tokenizer.json", config: config)
    }

    /// Loads a tokenizer.json file; BOS and EOS default to the DeepSeek token names.
    package init(contentsOfFile path: String) throws(TokenizerError) {
        try self.init(contentsOfFile: path, config: nil)
    }

    /// Parses the contents of a tokenizer.json file; `path` is used in error messages only.
    package init(json: [UInt8], path: String) throws(TokenizerError) {
        try self.init(json: json, path: path, config: nil)
    }

    private init(contentsOfFile path: String, config: TokenizerConfig?) throws(TokenizerError) {
        let bytes = try FileSystemProbe.read(path)
        try self.init(json: bytes, path: path, config: config)
    }

    private init(json: [UInt8], path: String, config: TokenizerConfig?) throws(TokenizerError) {
        let file = try TokenizerFileValidation.decode(json, path: path)
        let tables = try TokenizerFileValidation.build(file, path: path)
        self.model = tables.model
        self.addedTokens = tables.addedTokens
        self.rawMatcher = AddedTokenMatcher(tables.addedTokens.filter { !$0.isNormalized })
        self.normalizedMatcher = AddedTokenMatcher(tables.addedTokens.filter { $0.isNormalized })
        self.tokenStrings = tables.tokenStrings
        self.specialFlags = tables.specialFlags
        self.idsByToken = tables.idsByToken

        var bytes: [UInt8] = []
        var offsets: [Int] = [0]
        offsets.reserveCapacity(tables.tokenStrings.count + 1)
        for token in tables.tokenStrings {
            if let token {
                bytes.append(contentsOf: ByteLevelAlphabet.bytes(spelledBy: token) ?? Array(token.utf8))
            }
            offsets.append(bytes.count)
        }
        self.tokenBytes = bytes
        self.tokenOffsets = offsets

        let bosName = config?.bosToken ?? "<｜begin▁of▁sentence｜>"
        let eosName = config?.eosToken ?? "<｜end▁of▁sentence｜>"
        self.bosTokenID = tables.idsByToken[bosName]
        self.eosTokenID = tables.idsByToken[eosName]
        if config?.bosToken != nil && self.bosTokenID == nil {
            throw .malformed(path: path, keyPath: "", problem: "bos_token \"\(bosName)\" from tokenizer_config.json is not in the vocabulary")
        }
        if config?.eosToken != nil && self.eosTokenID == nil {
            throw .malformed(path: path, keyPath: "", problem: "eos_token \"\(eosName)\" from tokenizer_config.json is not in the vocabulary")
        }
    }

    // MARK: - Vocabulary

    /// The token as spelled in tokenizer.json (`Ġthe`, `<｜User｜>`), or nil for an unused id.
    package func token(for id: Int) -> String? {
        guard id >= 0 && id < self.tokenStrings.count else { return nil }
        return self.tokenStrings[id]
    }

    /// The id of a token spelled as in tokenizer.json, e.g. `id(forToken: "<｜end▁of▁sentence｜>")`.
    package func id(forToken token: String) -> Int? {
        self.idsByToken[token]
    }

    /// True when `id` is an id of this vocabulary.
    package func isValid(_ id: Int) -> Bool {
        id >= 0 && id < self.tokenStrings.count && self.tokenStrings[id] != nil
    }

    /// True when `id` is a special added token (dropped by `skipSpecialTokens`).
    package func isSpecial(_ id: Int) -> Bool {
        id >= 0 && id < self.specialFlags.count && self.specialFlags[id]
    }

    /// The raw bytes token `id` decodes to (empty for an unknown id).
    package func bytes(for id: Int) -> ArraySlice<UInt8> {
        guard id >= 0 && id < self.tokenStrings.count else { return [] }
        return self.tokenBytes[self.tokenOffsets[id]..<self.tokenOffsets[id + 1]]
    }

    /// Appends the bytes of `ids` to `output`, skipping unknown ids and, when asked, special ones.
    func appendBytes(of ids: some Sequence<Int>, skipSpecialTokens: Bool, to output: inout [UInt8]) {
        self.tokenBytes.withUnsafeBufferPointer { bytes in
            self.tokenOffsets.withUnsafeBufferPointer { offsets in
                self.specialFlags.withUnsafeBufferPointer { special in
                    let limit = special.count
                    for id in ids where id >= 0 && id < limit && !(skipSpecialTokens && special[id]) {
                        let start = offsets[id]
                        let end = offsets[id + 1]
                        if end > start {
                            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
                        }
                    }
                }
            }
        }
    }

    // MARK: - Encoding

    /// The token ids of `text`. No BOS or EOS is added (the chat encoder writes BOS itself).
    ///
    /// - Complexity: O(n log n) in the length of the longest piece, O(n) overall in practice.
    package func encode(_ text: String, specialTokens: SpecialTokenHandling = .match) -> [Int] {
        var text = text
        return text.withUTF8 { bytes in self.encode(utf8: bytes, specialTokens: specialTokens) }
    }

    /// The token ids of valid UTF-8 text.
    private func encode(utf8 bytes: UnsafeBufferPointer<UInt8>, specialTokens: SpecialTokenHandling) -> [Int] {
        self.model.withView { model in
            let session = EncodeSession(model: model, expectedTokens: bytes.count / 3 + 4)
            if specialTokens == .asText {
                session.encodeText(bytes, 0..<bytes.count)
            } else {
                self.splitAddedTokens(bytes, 0..<bytes.count, self.rawMatcher, session) { range in
                    self.splitAddedTokens(bytes, range, self.normalizedMatcher, session) { range in
                        session.encodeText(bytes, range)
                    }
                }
            }
            return session.output.toIntArray()
        }
    }

    /// Calls `text` for each stretch between matches of `matcher` and appends matched ids.
    private func splitAddedTokens(
        _ bytes: UnsafeBufferPointer<UInt8>,
        _ range: Range<Int>,
        _ matcher: AddedTokenMatcher,
        _ session: EncodeSession,
        text: (Range<Int>) -> Void
    ) {
        var position = range.lowerBound
        while position < range.upperBound {
            guard let match = matcher.firstMatch(in: bytes, position..<range.upperBound) else { break }
            if match.range.lowerBound > position { text(position..<match.range.lowerBound) }
            session.output.append(Int32(match.id))
            position = match.range.upperBound
        }
        if position < range.upperBound { text(position..<range.upperBound) }
    }

    // MARK: - Decoding

    /// The text of `ids`: their bytes concatenated and decoded as UTF-8, each ill-formed sequence
    /// replaced by U+FFFD. Unknown ids are skipped; special tokens are kept unless
    /// `skipSpecialTokens` (HF `decode` skips them by default; here the default keeps them).
    package func decode(_ ids: [Int], skipSpecialTokens: Bool = false) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(ids.count * 4)
        self.appendBytes(of: ids, skipSpecialTokens: skipSpecialTokens, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A decoder that turns ids into text one at a time, emitting only complete UTF-8 characters.
    package func makeStreamingDecoder(skipSpecialTokens: Bool = false) -> StreamingDecoder {
        StreamingDecoder(tokenizer: self, skipSpecialTokens: skipSpecialTokens)
    }
}
