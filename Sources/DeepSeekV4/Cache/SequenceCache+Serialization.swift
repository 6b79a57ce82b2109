import Checkpoint

/// The serialized cache: a small binary format, all little-endian.
///
/// ```
/// "SEAMKV01" | fingerprint u64 | tokenCount u64 | tokens [u32 × tokenCount] | layerCount u32
/// per layer: window floats | entryCount u64 | entries | indexKeys | compressor | indexer
/// compressor state: hasPrevious u8 | current values | current scores | previous values | previous scores
/// ```
/// Array lengths follow from the model shape and the counts, so a restore checks every length
/// and refuses bytes of another model, truncated bytes and trailing garbage.
extension SequenceCache {
    private static let magic = Array("SEAMKV01".utf8)

    /// The cache as bytes (for saving a session); see `DeepSeekV4Model.restoreCache(_:)`.
    package func serialized() -> [UInt8] {
        var out = Self.magic
        out.reserveCapacity(64 + self.usage.totalBytes + self.tokens.count * 4)
        append(&out, self.fingerprint)
        append(&out, UInt64(self.tokenCount))
        for token in self.tokens { append(&out, UInt32(truncatingIfNeeded: token)) }
        append(&out, UInt32(self.layers.count))
        for layer in self.layers {
            appendFloats(&out, layer.window)
            append(&out, UInt64(layer.entryCount))
            appendFloats(&out, layer.entries)
            appendFloats(&out, layer.indexKeys)
            for state in [layer.compressor, layer.indexer] {
                guard let state else { continue }
                out.append(state.hasPrevious ? 1 : 0)
                appendFloats(&out, state.currentValues)
                appendFloats(&out, state.currentScores)
                appendFloats(&out, state.previousValues)
                appendFloats(&out, state.previousScores)
            }
        }
        return out
    }

    /// Replaces this (fresh) cache's contents with `bytes`; throws `.corruptCache`.
    func restore(from bytes: [UInt8]) throws {
        var reader = ByteReader(bytes: bytes)
        guard Array(try reader.take(Self.magic.count)) == Self.magic else {
            throw ModelError(.corruptCache, "not a serialized cache (bad magic)")
        }
        guard try reader.u64() == self.fingerprint else {
            throw ModelError(.corruptCache, "the saved cache belongs to a model of a different shape")
        }
        let tokenCount = Int(try reader.u64())
        guard tokenCount <= bytes.count / 4 else { throw ModelError(.corruptCache, "token count \(tokenCount) is larger than the data") }
        var tokens: [Int] = []
        tokens.reserveCapacity(tokenCount)
        for _ in 0..<tokenCount { tokens.append(Int(try reader.u32())) }
        guard Int(try reader.u32()) == self.layers.count else { throw ModelError(.corruptCache, "layer count differs from the model") }
        var layers = self.layers
        for index in layers.indices {
            var layer = layers[index]
            layer.window = try reader.floats(layer.window.count)
            layer.entryCount = Int(try reader.u64())
            let ratio = layer.compressor?.ratio ?? 0
            guard layer.entryCount == (ratio == 0 ? 0 : tokenCount / ratio) else {
                throw ModelError(.corruptCache, "layer \(index) holds \(layer.entryCount) entries, expected \(ratio == 0 ? 0 : tokenCount / ratio)")
            }
            layer.entries = try reader.floats(layer.entryCount * (layer.compressor?.width ?? 0))
            layer.indexKeys = try reader.floats(layer.entryCount * (layer.indexer?.width ?? 0))
            for isIndexer in [false, true] {
                guard var state = isIndexer ? layer.indexer : layer.compressor else { continue }
                let flag = try reader.take(1).first ?? 0xFF
                guard flag <= 1 else { throw ModelError(.corruptCache, "layer \(index): bad compressor flag") }
                state.hasPrevious = flag == 1
                state.currentValues = try reader.floats(state.currentValues.count)
                state.currentScores = try reader.floats(state.currentScores.count)
                state.previousValues = try reader.floats(state.previousValues.count)
                state.previousScores = try reader.floats(state.previousScores.count)
                if isIndexer { layer.indexer = state } else { layer.compressor = state }
            }
            layers[index] = layer
        }
        guard reader.isAtEnd else { throw ModelError(.corruptCache, "\(bytes.count - reader.offset) unexpected bytes after the cache") }
        self.layers = layers
        self.tokens = tokens
        self.tokenCount = tokenCount
    }
}

private func append<T: FixedWidthInteger>(_ out: inout [UInt8], _ value: T) {
    withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
}

private func appendFloats(_ out: inout [UInt8], _ values: [Float]) {
    values.withUnsafeBytes { out.append(contentsOf: $0) }  // x86-64 and arm64 are little-endian
}

/// Reads little-endian values from bytes, throwing `.corruptCache` past the end.
private struct ByteReader {
    let bytes: [UInt8]
    var offset = 0

    var isAtEnd: Bool { self.offset == self.bytes.count }

    mutating func take(_ count: Int) throws -> ArraySlice<UInt8> {
        guard count >= 0, self.bytes.count - self.offset >= count else {
            throw ModelError(.corruptCache, "the saved cache is truncated")
        }
        defer { self.offset += count }
        return self.bytes[self.offset..<(self.offset + count)]
    }

    mutating func u64() throws -> UInt64 {
        try self.take(8).reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }

    mutating func u32() throws -> UInt32 {
        try self.take(4).reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }

    mutating func floats(_ count: Int) throws -> [Float] {
        let slice = try self.take(count * 4)
        return slice.withUnsafeBytes { raw in
            (0..<count).map { raw.loadUnaligned(fromByteOffset: $0 * 4, as: Float.self) }
        }
    }
}
