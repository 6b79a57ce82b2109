/// Multiplies weight matrices by activation vectors on a blocking thread pool, dequantising
/// in the kernels, with scratch that is allocated once and reused.
///
/// - One vector (`multiply(_:_:into:)`, decode): rows are split over the pool; each row is a
///   fused dequantise-and-dot, so the weights are read exactly once — by the AVX2/AVX-512 kernels
///   (`DequantizingKernels`) for bf16, FP8 and FP4 where the CPU has them, else by `RowKernels.dot`.
/// - Several vectors: rows are decoded once into per-thread scratch (by the x86 kernels where
///   they take the format) and multiplied with the vectors by a register-blocked 3 × 4
///   micro-kernel.
/// - Many vectors (prefill), when OpenBLAS has an optimised kernel for the CPU: tiles of rows
///   are decoded and handed to OpenBLAS's SGEMM, one call per thread and tile.
///
/// Scratch grows to the largest shape seen and is then reused, so steady-state calls allocate
/// nothing. Not reentrant: one thread uses a multiplier at a time.
package final class MatrixMultiplier: @unchecked Sendable {
    // @unchecked: the scratch buffers are only touched inside `multiply`, which one thread at a
    // time calls (the inference thread); pool participants write disjoint parts.

    /// The pool the work is split over.
    package let pool: ThreadPool
    /// Products with at least this many vectors go to OpenBLAS.
    package var blasThreshold: Int
    /// Products with fewer multiply-adds than this run on the calling thread alone.
    package var inlineThreshold = 1 << 17
    /// The x86 kernel level single-vector bf16, FP8 and FP4 products use (`DequantizingKernels`);
    /// `.portable` selects the Swift kernels. Defaults to the best this CPU supports.
    package var kernelLevel = DequantizingKernels.best
    private var permuted = ScratchBuffer()
    private var perThread: [ScratchBuffer]
    private var perThreadPointers: [UnsafeMutablePointer<Float>]

    /// A multiplier on `pool`; products of `blasThreshold` vectors or more use OpenBLAS. By
    /// default that is 16 when OpenBLAS runs an optimised kernel for this CPU
    /// (`BLAS.hasOptimizedCore`) and never otherwise: Debian's OpenBLAS 0.3.21 falls back to a
    /// generic SSE kernel on newer CPUs, about 3× slower than our register-blocked kernel.
    package init(pool: ThreadPool, blasThreshold: Int? = nil) {
        self.pool = pool
        self.blasThreshold = blasThreshold ?? (BLAS.hasOptimizedCore ? 16 : Int.max)
        self.perThread = (0..<pool.participants).map { _ in ScratchBuffer() }
        self.perThreadPointers = []
        for index in 0..<self.perThread.count { self.perThreadPointers.append(self.perThread[index].reserve(1)) }
        BLAS.useSingleThread()
    }

    /// `y[0..<rows] = W · x`.
    package func multiply(_ matrix: WeightMatrix, _ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>) {
        self.multiply(matrix, x, count: 1, into: y)
    }

    /// `Y[t, :] = W · X[t, :]` for `t < count`, with `X` row-major `[count, groups · columns]`
    /// and `Y` row-major `[count, rows]`.
    ///
    /// With `groups` > 1 the matrix is block-diagonal: its rows split into `groups` equal
    /// bands and band g multiplies input segment g (`X[t, g·columns ..< (g+1)·columns]`) —
    /// DeepSeek-V4's grouped output projection `wo_a`.
    package func multiply(_ matrix: WeightMatrix, _ x: UnsafePointer<Float>, count: Int, into y: UnsafeMutablePointer<Float>, groups: Int = 1) {
        let columns = matrix.columns
        let rows = matrix.rows
        precondition(groups >= 1 && rows % groups == 0, "rows must split evenly into groups")
        guard count > 0, rows > 0 else { return }
        if columns == 0 {
            y.update(repeating: 0, count: count * rows)
            return
        }
        let stride = groups * columns
        let rowsPerGroup = rows / groups
        // the x86 kernels' level when they take this format (they permute and decode), else portable
        let level = DequantizingKernels.handles(matrix.format) ? self.kernelLevel : .portable
        let path: Path
        if count == 1 {
            path = level != .portable ? .vector : .fused
        } else {
            path = count >= self.blasThreshold ? .blas : .decodedRows
        }
        let xp = self.permuted.reserve(count * stride)
        for segment in 0..<(count * groups) {
            if level != .portable {
                DequantizingKernels.permute(x + segment * columns, columns: columns, format: matrix.format, level: level, into: xp + segment * columns)
            } else {
                RowKernels.permute(x + segment * columns, count: columns, format: matrix.format, into: xp + segment * columns)
            }
        }
        let inline = rows * columns * count < self.inlineThreshold
        let tileRows = max(8, min(256, 65536 / max(1, columns)))
        switch path {
        case .vector: self.reservePerThread(DequantizingKernels.scratchCount(matrix.format, columns: columns))
        case .fused: if matrix.format == .fp4Group32 { self.reservePerThread(RowKernels.scratchCount(columns: columns)) }
        case .blas: if matrix.format != .float32 { self.reservePerThread(tileRows * columns) }
        case .decodedRows: self.reservePerThread(3 * columns + 16)
        }
        self.perThreadPointers.withUnsafeBufferPointer { scratch in
            var context = ProductContext(
                matrix: matrix, x: UnsafePointer(xp), y: y, count: count, rows: rows, columns: columns, stride: stride,
                rowsPerGroup: rowsPerGroup, tileRows: tileRows, level: level, scratch: scratch.baseAddress.unsafelyUnwrapped)
            withUnsafeMutablePointer(to: &context) { pointer in
                let raw = UnsafeMutableRawPointer(pointer)
                switch path {
                case .vector:
                    if inline {
                        Self.vectorRows(raw, 0, rows, 0)
                    } else {
                        // ranges of 16 rows: threads never write the same cache line of `y`
                        self.pool.parallelFor(rows, granularity: 16, context: raw) { MatrixMultiplier.vectorRows($0, $1, $2, $3) }
                    }
                case .fused:
                    if inline {
                        Self.fusedRows(raw, 0, rows, 0)
                    } else {
                        self.pool.parallelFor(rows, granularity: 4, context: raw) { MatrixMultiplier.fusedRows($0, $1, $2, $3) }
                    }
                case .blas:
                    if inline {
                        Self.blasTiles(raw, 0, rows, 0)
                    } else {
                        self.pool.parallelFor(rows, granularity: tileRows, context: raw) { MatrixMultiplier.blasTiles($0, $1, $2, $3) }
                    }
                case .decodedRows:
                    if inline {
                        Self.decodedRows(raw, 0, rows, 0)
                    } else {
                        self.pool.parallelFor(rows, granularity: 4, context: raw) { MatrixMultiplier.decodedRows($0, $1, $2, $3) }
                    }
                }
            }
        }
    }

    /// How a product is computed.
    private enum Path { case vector, fused, blas, decodedRows }

    /// Everything the row kernels need, passed to pool threads behind one pointer.
    private struct ProductContext {
        var matrix: WeightMatrix
        var x: UnsafePointer<Float>  // permuted inputs [count, stride]
        var y: UnsafeMutablePointer<Float>  // [count, rows]
        var count: Int
        var rows: Int
        var columns: Int
        var stride: Int
        var rowsPerGroup: Int
        var tileRows: Int
        var level: DequantizingKernels.Level
        var scratch: UnsafePointer<UnsafeMutablePointer<Float>>  // one buffer per participant
    }

    /// Rows decoded to f32 in the lane order `multiply` permuted the inputs to.
    private static func decode(_ matrix: WeightMatrix, _ rows: Range<Int>, level: DequantizingKernels.Level, into buffer: UnsafeMutablePointer<Float>) {
        if level == .portable {
            for (offset, row) in rows.enumerated() { RowKernels.decodeRow(matrix, row: row, into: buffer + offset * matrix.columns) }
        } else {
            DequantizingKernels.decodeRows(matrix, rows, level: level, into: buffer)
        }
    }

    /// One vector through the x86 kernels (`DequantizingKernels`), group by group.
    private static func vectorRows(_ raw: UnsafeMutableRawPointer, _ lower: Int, _ upper: Int, _ participant: Int) {
        let c = raw.assumingMemoryBound(to: ProductContext.self)
        let rowsPerGroup = c.pointee.rowsPerGroup
        var start = lower
        while start < upper {
            let group = start / rowsPerGroup
            let end = min(upper, (group + 1) * rowsPerGroup)
            DequantizingKernels.rows(
                c.pointee.matrix, start..<end, xPermuted: c.pointee.x + group * c.pointee.columns, level: c.pointee.level,
                scratch: c.pointee.scratch[participant], into: c.pointee.y)
            start = end
        }
    }

    /// One vector: fused dequantise-and-dot per row.
    private static func fusedRows(_ raw: UnsafeMutableRawPointer, _ lower: Int, _ upper: Int, _ participant: Int) {
        let c = raw.assumingMemoryBound(to: ProductContext.self)
        let matrix = c.pointee.matrix
        let x = c.pointee.x
        let y = c.pointee.y
        let columns = c.pointee.columns
        let rowsPerGroup = c.pointee.rowsPerGroup
        let scratch = c.pointee.scratch[participant]
        for row in lower..<upper { y[row] = RowKernels.dot(matrix, row: row, x + (row / rowsPerGroup) * columns, scratch: scratch) }
    }

    /// Many vectors: tiles of rows decoded to `Float` (f32 rows are used in place), then SGEMM.
    private static func blasTiles(_ raw: UnsafeMutableRawPointer, _ lower: Int, _ upper: Int, _ participant: Int) {
        let c = raw.assumingMemoryBound(to: ProductContext.self)
        let matrix = c.pointee.matrix
        let columns = c.pointee.columns
        let rowsPerGroup = c.pointee.rowsPerGroup
        var start = lower
        while start < upper {
            let group = start / rowsPerGroup
            let tile = min(c.pointee.tileRows, upper - start, (group + 1) * rowsPerGroup - start)
            let b: UnsafePointer<Float>
            if matrix.format == .float32 {
                b = (matrix.data + start * columns * 4).assumingMemoryBound(to: Float.self)
            } else {
                let buffer = c.pointee.scratch[participant]
                Self.decode(matrix, start..<(start + tile), level: c.pointee.level, into: buffer)
                b = UnsafePointer(buffer)
            }
            BLAS.multiplyTransposed(
                m: c.pointee.count, n: tile, k: columns, a: c.pointee.x + group * columns, lda: c.pointee.stride, b: b, ldb: columns,
                c: c.pointee.y + start, ldc: c.pointee.rows)
            start += tile
        }
    }

    /// Several vectors: rows decoded once into the participant's scratch, three at a time, and
    /// multiplied with four vectors at a time by the register-blocked `VectorMath.dot3x4`
    /// (leftover rows and vectors one dot product each).
    private static func decodedRows(_ raw: UnsafeMutableRawPointer, _ lower: Int, _ upper: Int, _ participant: Int) {
        let c = raw.assumingMemoryBound(to: ProductContext.self)
        let matrix = c.pointee.matrix
        let columns = c.pointee.columns
        let rows = c.pointee.rows
        let stride = c.pointee.stride
        let count = c.pointee.count
        let rowsPerGroup = c.pointee.rowsPerGroup
        let buffer = c.pointee.scratch[participant]
        let y = c.pointee.y
        let blocked = columns % 8 == 0
        var row = lower
        while row < upper {
            let group = row / rowsPerGroup
            let take = blocked && row + 3 <= min(upper, (group + 1) * rowsPerGroup) ? 3 : 1
            Self.decode(matrix, row..<(row + take), level: c.pointee.level, into: buffer)
            let segment = c.pointee.x + group * columns
            var token = 0
            if take == 3 {
                let sums = buffer + 3 * columns
                while token + 4 <= count {
                    VectorMath.dot3x4(buffer, buffer + columns, buffer + 2 * columns, segment + token * stride, stride: stride, count: columns, into: sums)
                    for r in 0..<3 {
                        for t in 0..<4 { y[(token + t) * rows + row + r] = sums[r * 4 + t] }
                    }
                    token += 4
                }
            }
            for t in token..<count {
                for r in 0..<take {
                    y[t * rows + row + r] = VectorMath.dot(buffer + r * columns, segment + t * stride, count: columns)
                }
            }
            row += take
        }
    }
}

extension MatrixMultiplier {
    /// Grows every participant's scratch to `count` floats.
    fileprivate func reservePerThread(_ count: Int) {
        for index in 0..<self.perThread.count {
            self.perThreadPointers[index] = self.perThread[index].reserve(count)
        }
    }
}

/// A growable `Float` buffer that keeps its largest allocation (64-byte aligned).
package struct ScratchBuffer: @unchecked Sendable {
    // @unchecked: owned by one multiplier or model, used by one thread at a time.
    private var storage: OwnedBuffer?

    /// An empty buffer.
    package init() {}

    /// A buffer of at least `count` floats (contents unspecified); reallocates only to grow.
    package mutating func reserve(_ count: Int) -> UnsafeMutablePointer<Float> {
        let bytes = max(1, count) * 4
        if let storage, storage.byteCount >= bytes {
            return storage.pointer.assumingMemoryBound(to: Float.self)
        }
        // grow geometrically: buffers sized by the context (indexer scores) grow a little at a time
        let grown = OwnedBuffer(byteCount: max(bytes, 2 * (self.storage?.byteCount ?? 0)))
        self.storage = grown
        return grown.pointer.assumingMemoryBound(to: Float.self)
    }

    /// The current buffer (reserve first).
    package var pointer: UnsafeMutablePointer<Float> {
        guard let storage else { preconditionFailure("ScratchBuffer used before reserve") }
        return storage.pointer.assumingMemoryBound(to: Float.self)
    }
}
