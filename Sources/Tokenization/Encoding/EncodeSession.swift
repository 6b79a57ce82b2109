/// The state of one `Tokenizer.encode` call: scratch buffers, the piece cache and the output.
final class EncodeSession {
    private let model: BPEModel.View
    private let preTokenizer = DeepSeekPreTokenizer.Scratch()
    private let bpe = BPEScratch()
    private let cache = PieceCache()
    /// The ids produced so far.
    let output: GrowableBuffer<Int32>

    /// A session encoding with `model` (a view valid for the session's lifetime).
    init(model: BPEModel.View, expectedTokens: Int) {
        self.model = model
        self.output = GrowableBuffer(capacity: expectedTokens)
    }

    /// Pre-tokenizes and BPE-encodes one stretch of text without added tokens.
    func encodeText(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        guard let base = bytes.baseAddress, !range.isEmpty else { return }
        let start = base + range.lowerBound
        let segment = UnsafeBufferPointer(start: start, count: range.count)
        DeepSeekPreTokenizer.split(segment, scratch: self.preTokenizer) { piece in
            self.encodePiece(start + piece.lowerBound, piece.count)
        }
    }

    @inline(__always)
    private func encodePiece(_ bytes: UnsafePointer<UInt8>, _ count: Int) {
        guard count <= PieceCache.maximumPieceLength else {
            self.model.encode(bytes, count: count, scratch: self.bpe, into: self.output)
            return
        }
        let hash = PieceCache.hash(bytes, count)
        if let ids = self.cache.lookup(bytes, count, hash: hash) {
            if let base = ids.baseAddress { self.output.append(base, count: ids.count) }
            return
        }
        let before = self.output.count
        self.model.encode(bytes, count: count, scratch: self.bpe, into: self.output)
        self.cache.insert(bytes, count, hash: hash, ids: self.output.storage + before, idsCount: self.output.count - before)
    }
}
