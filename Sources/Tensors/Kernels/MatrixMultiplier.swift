/// Multiplies weight matrices by activation vectors on a blocking thread pool, dequantising
/// in the kernels, with scratch that is allocated once and reused.
///
/// - One vector (`multiply(_:_:into:)`, decode): rows are split over the pool; each row is a
///   fused dequantise-and-dot (`RowKernels.dot`), so the weights are read exactly once.
/// - A few vectors: each row is decoded once into per-thread scratch and dotted with every
///   vector.
/// - Many vectors (prefill): tiles of rows are decoded and handed to OpenBLAS's SGEMM, one
///   call per thread and tile.
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
    package var inlineThreshold = 1 << 15
    private var permuted = ScratchBuffer()
    private var perThread: [ScratchBuffer]
    private var perThreadPointers: [UnsafeMutablePointer<Float>]

    /// A multiplier on `pool`; `blasThreshold` vectors or more use OpenBLAS.
    package init(pool: ThreadPool, blasThreshold: Int = 16) {
        self.pool = pool
        self.blasThreshold = blasThreshold
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
        let xp = self.permuted.reserve(count * stride)
        for segment in 0..<(count * groups) {
            RowKernels.permute(x + segment * columns, count: columns, format: matrix.format, into: xp + segment * columns)
        }
        let xpConst = UnsafePointer(xp)
        // products this small finish before a worker would wake up: run them inline
        let inline = rows * columns * count < self.inlineThreshold
        if count == 1 {
            self.parallelFor(rows, granularity: 4, inline: inline) { range, _ in
                for row in range { y[row] = RowKernels.dot(matrix, row: row, xpConst + (row / rowsPerGroup) * columns) }
            }
            return
        }
        if count >= self.blasThreshold {
            let tileRows = max(8, min(256, 65536 / max(1, columns)))
            if matrix.format != .float32 { self.reservePerThread(tileRows * columns) }
            let scratch = self.perThreadPointers
            self.parallelFor(rows, granularity: tileRows, inline: inline) { range, participant in
                var start = range.lowerBound
                while start < range.upperBound {
                    let group = start / rowsPerGroup
                    let tile = min(tileRows, range.upperBound - start, (group + 1) * rowsPerGroup - start)
                    let b: UnsafePointer<Float>
                    if matrix.format == .float32 {
                        b = (matrix.data + start * columns * 4).assumingMemoryBound(to: Float.self)
                    } else {
                        let buffer = scratch[participant]
                        for offset in 0..<tile {
                            RowKernels.decodeRow(matrix, row: start + offset, into: buffer + offset * columns)
                        }
                        b = UnsafePointer(buffer)
                    }
                    BLAS.multiplyTransposed(
                        m: count, n: tile, k: columns, a: xpConst + group * columns, lda: stride, b: b, ldb: columns, c: y + start, ldc: rows)
                    start += tile
                }
            }
            return
        }
        self.reservePerThread(columns)
        let scratch = self.perThreadPointers
        self.parallelFor(rows, granularity: 4, inline: inline) { range, participant in
            let buffer = scratch[participant]
            for row in range {
                RowKernels.decodeRow(matrix, row: row, into: buffer)
                let segment = xpConst + (row / rowsPerGroup) * columns
                for token in 0..<count {
                    y[token * rows + row] = VectorMath.dot(buffer, segment + token * stride, count: columns)
                }
            }
        }
    }
}

extension MatrixMultiplier {
    /// `pool.parallelFor`, or the whole range on the caller as participant 0 when `inline`.
    fileprivate func parallelFor(_ count: Int, granularity: Int, inline: Bool, _ body: (Range<Int>, Int) -> Void) {
        if inline {
            body(0..<count, 0)
        } else {
            self.pool.parallelFor(count, granularity: granularity, body)
        }
    }

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

    package init() {}

    /// A buffer of at least `count` floats (contents unspecified); reallocates only to grow.
    package mutating func reserve(_ count: Int) -> UnsafeMutablePointer<Float> {
        let bytes = max(1, count) * 4
        if let storage, storage.byteCount >= bytes {
            return storage.pointer.assumingMemoryBound(to: Float.self)
        }
        let grown = OwnedBuffer(byteCount: bytes)
        self.storage = grown
        return grown.pointer.assumingMemoryBound(to: Float.self)
    }

    /// The current buffer (reserve first).
    package var pointer: UnsafeMutablePointer<Float> {
        guard let storage else { preconditionFailure("ScratchBuffer used before reserve") }
        return storage.pointer.assumingMemoryBound(to: Float.self)
    }
}
