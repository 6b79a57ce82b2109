/// One layer's part of a `SequenceCache`.
struct LayerCache: Sendable, Equatable {
    /// Raw K=V ring `[sliding_window, head_dim]`: position p lives in slot p mod window.
    var window: [Float]
    /// Compressed entries `[entryCount, head_dim]` (CSA and HCA layers).
    var entries: [Float] = []
    var entryCount = 0
    /// The main compressor's partial-window state (CSA and HCA layers).
    var compressor: CompressorState?
    /// Lightning-indexer keys `[entryCount, index_head_dim]` (CSA layers).
    var indexKeys: [Float] = []
    /// The indexer compressor's partial-window state (CSA layers).
    var indexer: CompressorState?

    init(windowSlots: Int, width: Int, kind: ModelConfigurationKind, indexWidth: Int) {
        self.window = Array(repeating: 0, count: windowSlots * width)
        switch kind {
        case .window:
            break
        case .compressedSparse:
            self.compressor = CompressorState(ratio: 4, width: width, seriesCount: 2)
            self.indexer = CompressorState(ratio: 4, width: indexWidth, seriesCount: 2)
        case .heavilyCompressed(let ratio):
            self.compressor = CompressorState(ratio: ratio, width: width, seriesCount: 1)
        }
    }

    /// Bytes of the ring.
    var windowBytes: Int { self.window.count * 4 }

    /// Bytes of entries, indexer keys and compressor states.
    var compressedBytes: Int {
        (self.entryCount * (self.compressor?.width ?? 0) + self.entryCount * (self.indexer?.width ?? 0)) * 4
            + (self.compressor?.byteCount ?? 0) + (self.indexer?.byteCount ?? 0)
    }

    /// Appends one entry (and grows geometrically, so appends are amortised O(1)).
    mutating func appendEntry(_ entry: UnsafePointer<Float>, width: Int) {
        Self.append(&self.entries, entry, width: width, count: self.entryCount)
        self.entryCount += 1
    }

    /// Appends one indexer key; call before or after `appendEntry` for the same window.
    mutating func appendIndexKey(_ key: UnsafePointer<Float>, width: Int, index: Int) {
        Self.append(&self.indexKeys, key, width: width, count: index)
    }

    private static func append(_ storage: inout [Float], _ row: UnsafePointer<Float>, width: Int, count: Int) {
        precondition(storage.count == count * width)
        if storage.capacity < (count + 1) * width {
            storage.reserveCapacity(max(64 * width, storage.capacity * 2))
        }
        storage.append(contentsOf: UnsafeBufferPointer(start: row, count: width))
    }
}

import Checkpoint

/// The attention kind type, short name for cache code.
typealias ModelConfigurationKind = ModelConfiguration.AttentionKind
