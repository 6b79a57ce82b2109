/// How much a `SequenceCache` holds, by layer kind (for the engine's state routes and `bench`).
package struct CacheUsage: Sendable, Equatable {
    /// Tokens fed so far (the next position).
    package var tokenCount: Int
    /// Raw-window ring bytes over all layers (each layer keeps `sliding_window` keys).
    package var windowBytes: Int
    /// Compressed entries, indexer keys and compressor state of CSA layers.
    package var compressedSparseBytes: Int
    /// Compressed entries and compressor state of HCA layers.
    package var heavilyCompressedBytes: Int
    /// Compressed entries held by all CSA layers / all HCA layers.
    package var compressedSparseEntries: Int
    /// Compressed entries held by all HCA layers.
    package var heavilyCompressedEntries: Int
    /// Compressed entries per main layer (0 for window-only layers).
    package var entriesByLayer: [Int]

    /// Everything together.
    package var totalBytes: Int { self.windowBytes + self.compressedSparseBytes + self.heavilyCompressedBytes }
}
