/// What the scheduler needs from a model: fill a per-sequence cache with tokens and get the
/// logits of the last position. `DeepSeekV4Model` conforms; the scheduler is written against
/// this so it does not depend on one architecture.
///
/// Threading: a model and its caches are used only by the scheduler's inference thread.
package protocol LanguageModel: AnyObject {
    /// The length of a logits vector.
    var vocabularySize: Int { get }
    /// The most tokens a cache may hold.
    var maximumContext: Int { get }
    /// A new, empty cache.
    func makeCache() -> any TokenCache
    /// Feeds `tokens` at the cache's next position and writes the last position's logits to
    /// `logits` (resized to `vocabularySize`).
    func forward(_ tokens: [Int], cache: any TokenCache, logits: inout [Float]) throws
    /// One decode step: feeds `token` and writes the next logits to `logits`. With a `logits`
    /// array of `vocabularySize` reused step after step it should allocate nothing (the
    /// default implementation builds a one-token array and calls `forward`).
    func decode(_ token: Int, cache: any TokenCache, logits: inout [Float]) throws
    /// Rebuilds a cache from `TokenCache.serialized()` bytes made by this model; throws on
    /// damaged or foreign bytes.
    func restoreCache(_ bytes: [UInt8]) throws -> any TokenCache
}

extension LanguageModel {
    /// `forward([token], …)`.
    package func decode(_ token: Int, cache: any TokenCache, logits: inout [Float]) throws {
        try self.forward([token], cache: cache, logits: &logits)
    }
}

/// One sequence's model state (for DeepSeek-V4: window ring, compressed entries, indexer keys,
/// compressor state). Only the inference thread touches it.
package protocol TokenCache: AnyObject {
    /// Tokens fed so far.
    var tokenCount: Int { get }
    /// An independent copy.
    func copy() -> any TokenCache
    /// The state as bytes, restorable with `LanguageModel.restoreCache(_:)`.
    func serialized() -> [UInt8]
    /// Memory held, by kind.
    var memory: CacheMemory { get }
    /// Makes room for `count` tokens in total, so feeding up to that many allocates nothing for
    /// the token bookkeeping (a hint; caches may ignore it).
    func reserve(tokens count: Int)
}

extension TokenCache {
    /// Ignores the hint.
    package func reserve(tokens count: Int) {}
}

/// Memory a cache holds, for the engine state and the cache budget.
package struct CacheMemory: Sendable, Hashable {
    /// Bytes by kind (`window`, `csa`, `hca`, `indexer`, `compressor_state`, …).
    package var bytesByKind: [String: Int]
    /// Compressed (CSA and HCA) entries.
    package var compressedEntries: Int

    package init(bytesByKind: [String: Int], compressedEntries: Int) {
        self.bytesByKind = bytesByKind
        self.compressedEntries = compressedEntries
    }

    /// All bytes.
    package var totalBytes: Int { self.bytesByKind.values.reduce(0, +) }

    /// Sums two usages kind by kind.
    package static func + (lhs: CacheMemory, rhs: CacheMemory) -> CacheMemory {
        CacheMemory(
            bytesByKind: lhs.bytesByKind.merging(rhs.bytesByKind, uniquingKeysWith: +),
            compressedEntries: lhs.compressedEntries + rhs.compressedEntries
        )
    }

    /// Nothing held.
    package static let zero = CacheMemory(bytesByKind: [:], compressedEntries: 0)
}

/// Picks the next token from a logits vector (greedy, temperature, top-p, … with a seed).
/// Implementations keep their work buffers between calls, so sampling allocates nothing after
/// the first token.
package protocol TokenSampler: Sendable {
    /// The chosen token id.
    mutating func sample(_ logits: [Float]) -> Int
}
