import Checkpoint

/// The per-sequence sparse KV cache of DeepSeek-V4 (deepseek-v4.md §5): for every layer the
/// raw-window ring of the last `sliding_window` keys, the compressed entries (CSA: one per 4
/// tokens; HCA: one per m tokens), the CSA indexer keys, and each compressor's partial-window
/// state (which is part of the cache: it is copied and serialized with it).
///
/// A cache is made by `DeepSeekV4Model.makeCache()` and advanced by `forward`. `copy()` forks
/// it (e.g. to keep a prompt prefix), `serialized()` / `DeepSeekV4Model.restoreCache(_:)` save
/// and restore it. Everything is kept in f32. Not thread-safe: use it from the model's
/// inference thread.
package final class SequenceCache: @unchecked Sendable {
    // @unchecked: confined to one thread at a time by contract.

    /// Tokens fed so far; the next token goes to this position.
    package internal(set) var tokenCount: Int = 0
    /// The token ids fed so far (for prefix matching by sessions).
    package internal(set) var tokens: [Int] = []
    /// Identifies the model shape the cache belongs to.
    let fingerprint: UInt64
    var layers: [LayerCache]
    private let template: [LayerCache]

    init(configuration c: ModelConfiguration, fingerprint: UInt64) {
        self.fingerprint = fingerprint
        self.layers = (0..<c.layerCount).map { layer in
            LayerCache(windowSlots: c.slidingWindow, width: c.headDimension, kind: c.attentionKind(layer: layer), indexWidth: c.indexHeadDimension)
        }
        self.template = self.layers
    }

    private init(copying other: SequenceCache) {
        self.fingerprint = other.fingerprint
        self.layers = other.layers
        self.template = other.template
        self.tokenCount = other.tokenCount
        self.tokens = other.tokens
    }

    /// An independent copy (same contents; later feeding one does not affect the other).
    package func copy() -> SequenceCache {
        SequenceCache(copying: self)
    }

    /// Makes room in the token list for `count` tokens in total, so decoding up to that many does
    /// not regrow it (the compressed entries still grow geometrically, O(log n) times per sequence).
    package func reserve(tokens count: Int) {
        self.tokens.reserveCapacity(count)
    }

    /// Empties the cache (position 0, compressor state cleared).
    package func reset() {
        self.layers = self.template
        self.tokenCount = 0
        self.tokens = []
    }

    /// Bytes and entries held, by layer kind.
    package var usage: CacheUsage {
        var usage = CacheUsage(
            tokenCount: self.tokenCount, windowBytes: 0, compressedSparseBytes: 0, heavilyCompressedBytes: 0,
            compressedSparseEntries: 0, heavilyCompressedEntries: 0, entriesByLayer: [])
        for layer in self.layers {
            usage.windowBytes += layer.windowBytes
            usage.entriesByLayer.append(layer.entryCount)
            if layer.indexer != nil {
                usage.compressedSparseBytes += layer.compressedBytes
                usage.compressedSparseEntries += layer.entryCount
            } else if layer.compressor != nil {
                usage.heavilyCompressedBytes += layer.compressedBytes
                usage.heavilyCompressedEntries += layer.entryCount
            }
        }
        return usage
    }
}
