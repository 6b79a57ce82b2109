import Checkpoint
import Testing
import TestSupport

@testable import DeepSeekV4

@Suite("Sequence caches: prefill + decode equals a full forward, copies, serialization")
struct SequenceCacheTests {
    static let tokens: [Int] = (0..<70).map { ($0 * 37 + 11) % 2000 + 3 }

    /// Logits of every position by one full forward pass on a fresh cache.
    static func fullForward(_ model: DeepSeekV4Model) throws -> [Float] {
        try model.forwardAllPositions(Self.tokens, cache: model.makeCache())
    }

    @Test("any split into a prefill and one-token steps gives the full forward's logits", arguments: [1, 3, 4, 17, 40, 69])
    func prefillThenDecode(split: Int) throws {
        let model = try DeepSeekV4Model.load(directory: RepositoryLayout.tinyModel)
        let full = try Self.fullForward(model)
        let vocabulary = model.vocabularySize
        let cache = model.makeCache()
        var logits: [Float] = []
        try model.forward(Array(Self.tokens[..<split]), cache: cache, logits: &logits)
        #expect(maximumDifference(logits[...], full[((split - 1) * vocabulary)..<(split * vocabulary)]) <= 1e-4)
        for position in split..<Self.tokens.count {
            try model.forward([Self.tokens[position]], cache: cache, logits: &logits)
            let difference = maximumDifference(logits[...], full[(position * vocabulary)..<((position + 1) * vocabulary)])
            #expect(difference <= 1e-4, "position \(position) after a prefill of \(split)")
        }
    }

    @Test("prefills continuing a cache in uneven chunks give the full forward's logits")
    func chunkedPrefill() throws {
        let full = try Self.fullForward(try DeepSeekV4Model.load(directory: RepositoryLayout.tinyModel))
        let chunked = try DeepSeekV4Model.load(directory: RepositoryLayout.tinyModel, options: .init(maximumChunk: 7))
        let cache = chunked.makeCache()
        var rows: [Float] = []
        var offset = 0
        for length in [5, 13, 1, 22, 29] {
            rows += try chunked.forwardAllPositions(Array(Self.tokens[offset..<(offset + length)]), cache: cache)
            offset += length
        }
        #expect(offset == Self.tokens.count)
        #expect(maximumDifference(rows[...], full[...]) <= 1e-4)
        #expect(cache.tokens == Self.tokens)
    }

    @Test("a copied cache continues independently of the original")
    func copies() throws {
        let model = try DeepSeekV4Model.load(directory: RepositoryLayout.tinyModel)
        let cache = model.makeCache()
        var logits: [Float] = []
        try model.forward(Array(Self.tokens[..<30]), cache: cache, logits: &logits)
        let fork = cache.copy()
        var a: [Float] = []
        var b: [Float] = []
        try model.forward([5], cache: cache, logits: &a)
        try model.forward([900], cache: fork, logits: &b)  // diverge
        try model.forward([6], cache: cache, logits: &a)
        let fresh = model.makeCache()
        var c: [Float] = []
        try model.forward(Array(Self.tokens[..<30]) + [5, 6], cache: fresh, logits: &c)
        #expect(maximumDifference(a[...], c[...]) <= 1e-4)
        #expect(fork.tokenCount == 31 && cache.tokenCount == 32)
    }

    @Test("a serialized cache restores to the same state and refuses damaged bytes")
    func serialization() throws {
        let model = try DeepSeekV4Model.load(directory: RepositoryLayout.tinyModel)
        let cache = model.makeCache()
        var logits: [Float] = []
        try model.forward(Array(Self.tokens[..<45]), cache: cache, logits: &logits)
        let bytes = cache.serialized()
        let restored = try model.restoreCache(bytes)
        #expect(restored.tokenCount == 45 && restored.tokens == Array(Self.tokens[..<45]))
        #expect(restored.usage == cache.usage)
        var original: [Float] = []
        var again: [Float] = []
        try model.forward([Self.tokens[45]], cache: cache, logits: &original)
        try model.forward([Self.tokens[45]], cache: restored, logits: &again)
        #expect(original == again)
        #expect(throws: ModelError.self) { try model.restoreCache(Array(bytes.dropLast(3))) }
        #expect(throws: ModelError.self) { try model.restoreCache(bytes + [0]) }
        var foreign = bytes
        foreign[9] ^= 0xFF  // the model fingerprint
        #expect(throws: ModelError.self) { try model.restoreCache(foreign) }
        let small = try DeepSeekV4Model.load(directory: RepositoryLayout.fixture("deepseek-v4-small-fp8"))
        #expect(throws: ModelError.self) { try small.restoreCache(bytes) }
    }

    @Test("usage counts compressed entries per layer kind")
    func usage() throws {
        let model = try DeepSeekV4Model.load(directory: RepositoryLayout.tinyModel)
        let cache = model.makeCache()
        var logits: [Float] = []
        try model.forward(Array(Self.tokens[..<70]), cache: cache, logits: &logits)
        let usage = cache.usage
        // tiny: layers [window, CSA, HCA(16), CSA]
        #expect(usage.entriesByLayer == [0, 17, 4, 17])
        #expect(usage.compressedSparseEntries == 34 && usage.heavilyCompressedEntries == 4)
        #expect(usage.windowBytes == 4 * 8 * 32 * 4)
        #expect(usage.compressedSparseBytes > 0 && usage.heavilyCompressedBytes > 0)
        cache.reset()
        #expect(cache.usage.entriesByLayer == [0, 0, 0, 0] && cache.tokenCount == 0)
    }

    @Test("bad tokens, empty input, foreign caches and a full context each give one clear error")
    func errors() throws {
        let model = try DeepSeekV4Model.load(directory: RepositoryLayout.tinyModel, options: .init(maximumContext: 10))
        let cache = model.makeCache()
        var logits: [Float] = []
        #expect { try model.forward([2048], cache: cache, logits: &logits) } throws: { ($0 as? ModelError)?.code == .invalidToken }
        #expect { try model.forward([], cache: cache, logits: &logits) } throws: { ($0 as? ModelError)?.code == .invalidArgument }
        #expect { try model.forward(Array(repeating: 5, count: 11), cache: cache, logits: &logits) } throws: {
            ($0 as? ModelError)?.code == .contextFull
        }
        let small = try DeepSeekV4Model.load(directory: RepositoryLayout.fixture("deepseek-v4-small-fp8"))
        #expect { try model.forward([5], cache: small.makeCache(), logits: &logits) } throws: { ($0 as? ModelError)?.code == .cacheMismatch }
        #expect(cache.tokenCount == 0)
    }
}
