/// A weight matrix `[rows, columns]` (out × in) in its stored format, read in place.
///
/// The bytes usually live in a memory-mapped checkpoint (`owner` keeps the mapping alive), so
/// quantised weights stay quantised in memory: the kernels dequantise while they multiply.
/// Formats:
/// - `float32`, `bfloat16`, `float16`: dense row-major.
/// - `fp8Block128`: FP8 E4M3 bytes row-major, with UE8M0 scales
///   `[ceil(rows/128), ceil(columns/128)]`: `W[i,j] = e4m3(q[i,j]) · 2^(S[i/128, j/128] − 127)`.
/// - `fp4Group32`: FP4 E2M1 codes packed two per byte (`[rows, columns/2]`, low nibble = even
///   column), with UE8M0 scales `[rows, columns/32]`: `W[i,j] = e2m1(q[i,j]) · 2^(S[i, j/32] − 127)`.
package struct WeightMatrix: @unchecked Sendable {
    // @unchecked: the pointers refer to immutable (read-only mapped or never-written) memory
    // kept alive by `owner`.

    /// How the elements are stored.
    package enum Format: String, Sendable, Equatable {
        case float32, bfloat16, float16, fp8Block128, fp4Group32
    }

    /// How the elements are stored.
    package let format: Format
    /// Output features (the number of rows).
    package let rows: Int
    /// Input features (logical columns, not bytes).
    package let columns: Int
    /// The element bytes.
    package let data: UnsafeRawPointer
    /// The UE8M0 scale bytes for the quantised formats.
    package let scales: UnsafeRawPointer?
    /// Whatever keeps `data` and `scales` valid (a memory mapping or an owned buffer).
    package let owner: AnyObject?

    /// Wraps stored bytes. The caller has checked that `data` and `scales` hold at least
    /// `dataBytes` and `scaleBytes` for this shape.
    package init(format: Format, rows: Int, columns: Int, data: UnsafeRawPointer, scales: UnsafeRawPointer?, owner: AnyObject?) {
        precondition(rows >= 0 && columns >= 0)
        precondition(format != .fp4Group32 || columns % 32 == 0, "fp4 rows must hold whole 32-groups")
        precondition((format == .fp8Block128 || format == .fp4Group32) == (scales != nil))
        self.format = format
        self.rows = rows
        self.columns = columns
        self.data = data
        self.scales = scales
        self.owner = owner
    }

    /// A float32 matrix that owns a copy of `values` (`rows · columns` of them, row-major).
    package static func owned(_ values: [Float], rows: Int, columns: Int) -> WeightMatrix {
        precondition(values.count == rows * columns)
        let buffer = OwnedBuffer(byteCount: max(1, values.count * 4))
        values.withUnsafeBytes { buffer.pointer.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }  // safe: count ≥ 0, base non-nil for arrays
        return WeightMatrix(format: .float32, rows: rows, columns: columns, data: UnsafeRawPointer(buffer.pointer), scales: nil, owner: buffer)
    }

    /// Bytes of element storage for a shape.
    package static func dataBytes(format: Format, rows: Int, columns: Int) -> Int {
        switch format {
        case .float32: rows * columns * 4
        case .bfloat16, .float16: rows * columns * 2
        case .fp8Block128: rows * columns
        case .fp4Group32: rows * columns / 2
        }
    }

    /// Bytes of scale storage for a shape.
    package static func scaleBytes(format: Format, rows: Int, columns: Int) -> Int {
        switch format {
        case .float32, .bfloat16, .float16: 0
        case .fp8Block128: ((rows + 127) / 128) * ((columns + 127) / 128)
        case .fp4Group32: rows * (columns / 32)
        }
    }

    /// Bytes the matrix occupies (elements and scales).
    package var storageBytes: Int {
        Self.dataBytes(format: self.format, rows: self.rows, columns: self.columns)
            + Self.scaleBytes(format: self.format, rows: self.rows, columns: self.columns)
    }

    /// Scale bytes per row of scale blocks (`ceil(columns/128)` for FP8, `columns/32` for FP4).
    @inlinable
    package var scaleColumns: Int {
        self.format == .fp8Block128 ? (self.columns + 127) / 128 : self.columns / 32
    }

    /// One element, exactly dequantised (slow; for tests and tails).
    @inlinable
    package func element(_ row: Int, _ column: Int) -> Float {
        switch self.format {
        case .float32:
            return self.data.load(fromByteOffset: (row * self.columns + column) * 4, as: Float.self)
        case .bfloat16:
            return ScalarFormats.bfloat16ToFloat(self.data.loadUnaligned(fromByteOffset: (row * self.columns + column) * 2, as: UInt16.self))
        case .float16:
            return ScalarFormats.float16ToFloat(self.data.loadUnaligned(fromByteOffset: (row * self.columns + column) * 2, as: UInt16.self))
        case .fp8Block128:
            let code = self.data.load(fromByteOffset: row * self.columns + column, as: UInt8.self)
            let scale = self.scales.unsafelyUnwrapped.load(fromByteOffset: (row / 128) * self.scaleColumns + column / 128, as: UInt8.self)
            return ScalarFormats.e4m3ToFloat(code) * ScalarFormats.e8m0ToFloat(scale)
        case .fp4Group32:
            let byte = self.data.load(fromByteOffset: row * (self.columns / 2) + column / 2, as: UInt8.self)
            let code = column & 1 == 0 ? byte & 0xF : byte >> 4
            let scale = self.scales.unsafelyUnwrapped.load(fromByteOffset: row * self.scaleColumns + column / 32, as: UInt8.self)
            return ScalarFormats.e2m1ToFloat(code) * ScalarFormats.e8m0ToFloat(scale)
        }
    }

    /// Row `row` exactly dequantised, in natural column order, into `output[0..<columns]`.
    package func dequantizeRow(_ row: Int, into output: UnsafeMutablePointer<Float>) {
        for column in 0..<self.columns { output[column] = self.element(row, column) }
    }

    /// The whole matrix dequantised, row-major (for the reference path and tests).
    package func dequantized() -> [Float] {
        var result = [Float](repeating: 0, count: self.rows * self.columns)
        result.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for row in 0..<self.rows { self.dequantizeRow(row, into: base + row * self.columns) }
        }
        return result
    }
}

/// A heap buffer that frees itself; the owner of matrices and tensors built in memory.
package final class OwnedBuffer: @unchecked Sendable {
    // @unchecked: written only while being filled, before it is shared.

    /// The start of the buffer, 64-byte aligned.
    package let pointer: UnsafeMutableRawPointer
    /// Its size in bytes.
    package let byteCount: Int

    /// A zeroed buffer of `byteCount` bytes.
    package init(byteCount: Int) {
        self.byteCount = byteCount
        self.pointer = UnsafeMutableRawPointer.allocate(byteCount: max(1, byteCount), alignment: 64)
        self.pointer.initializeMemory(as: UInt8.self, repeating: 0, count: max(1, byteCount))
    }

    deinit {
        self.pointer.deallocate()
    }
}
