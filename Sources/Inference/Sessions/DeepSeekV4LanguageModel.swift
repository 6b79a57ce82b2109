import DeepSeekV4
import Tensors

/// `DeepSeekV4Model` as the scheduler's `LanguageModel`.
package final class DeepSeekV4LanguageModel: LanguageModel {
    /// The wrapped model.
    package let model: DeepSeekV4Model

    package init(_ model: DeepSeekV4Model) {
        self.model = model
    }

    package var vocabularySize: Int { self.model.vocabularySize }
    package var maximumContext: Int { self.model.maximumContext }

    package func makeCache() -> any TokenCache {
        DeepSeekV4TokenCache(self.model.makeCache())
    }

    package func forward(_ tokens: [Int], cache: any TokenCache, logits: inout [Float]) throws {
        guard let cache = cache as? DeepSeekV4TokenCache else {
            throw ModelError(.cacheMismatch, "the cache was not made by a DeepSeek-V4 model")
        }
        try self.model.forward(tokens, cache: cache.cache, logits: &logits)
    }

    /// One decode step through `DeepSeekV4Model.decode`: no token array, no allocation once the
    /// model's scratch has grown and `logits` has `vocabularySize` elements.
    package func decode(_ token: Int, cache: any TokenCache, logits: inout [Float]) throws {
        guard let cache = cache as? DeepSeekV4TokenCache else {
            throw ModelError(.cacheMismatch, "the cache was not made by a DeepSeek-V4 model")
        }
        try self.model.decode(token, cache: cache.cache, logits: &logits)
    }

    package func restoreCache(_ bytes: [UInt8]) throws -> any TokenCache {
        DeepSeekV4TokenCache(try self.model.restoreCache(bytes))
    }

    /// Parameters and weight bytes by dtype name (`bf16`, `f8_e4m3`, …), for the engine state.
    package var weightFacts: (parameterCount: Int, bytesByDtype: [String: Int]) {
        var bytes: [String: Int] = [:]
        for (dtype, count) in self.model.summary.bytesByDType { bytes[dtype.name.lowercased(), default: 0] += count }
        return (self.model.summary.parameterCount, bytes)
    }
}

/// A DeepSeek-V4 `SequenceCache` as a `TokenCache`.
final class DeepSeekV4TokenCache: TokenCache {
    let cache: SequenceCache

    init(_ cache: SequenceCache) {
        self.cache = cache
    }

    var tokenCount: Int { self.cache.tokenCount }

    func copy() -> any TokenCache {
        DeepSeekV4TokenCache(self.cache.copy())
    }

    func serialized() -> [UInt8] {
        self.cache.serialized()
    }

    func reserve(tokens count: Int) {
        self.cache.reserve(tokens: count)
    }

    var memory: CacheMemory {
        let usage = self.cache.usage
        return CacheMemory(
            bytesByKind: ["window": usage.windowBytes, "csa": usage.compressedSparseBytes, "hca": usage.heavilyCompressedBytes],
            compressedEntries: usage.compressedSparseEntries + usage.heavilyCompressedEntries
        )
    }
}
