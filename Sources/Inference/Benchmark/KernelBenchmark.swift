import DeepSeekV4
import Tensors

#if canImport(Glibc)
import Glibc  // clock_gettime, log, cos
#endif

/// Matrix-vector throughput of the dequantising kernels on matrices the size of
/// DeepSeek-V4-Flash's (the fixture checkpoints are too small to show the kernels' speed):
/// FP8 `wq_b`-like [4096, 4096] with 128×128 scales, FP4 expert `w1` [2048, 4096] with per-32
/// scales, BF16 [4096, 4096]. Reports weight bytes read per second.
package struct KernelBenchmark {
    /// One format's throughput.
    package struct Result: Sendable, Codable {
        /// The weight format.
        package var format: String
        /// Matrix shape.
        package var rows: Int
        package var columns: Int
        /// Bytes of the matrix (elements and scales).
        package var bytes: Int
        /// Weight bytes per wall-clock second.
        package var gigabytesPerSecond: Double
        /// Bytes per second of CPU time summed over the threads (what the kernel would reach with
        /// the cores to itself; wall time on a busy machine understates it).
        package var gigabytesPerCPUSecond: Double
    }

    /// The threads the kernels use.
    package let pool: ThreadPool

    /// A benchmark on `pool`.
    package init(pool: ThreadPool) {
        self.pool = pool
    }

    /// Runs each format for about `seconds`.
    package func run(seconds: Double = 0.5) -> [Result] {
        let multiplier = MatrixMultiplier(pool: self.pool)
        let shapes: [(WeightMatrix.Format, Int, Int)] = [(.fp8Block128, 4096, 4096), (.fp4Group32, 2048, 4096), (.bfloat16, 4096, 4096)]
        var results: [Result] = []
        for (format, rows, columns) in shapes {
            let matrix = Self.syntheticMatrix(format, rows: rows, columns: columns)
            var x = [Float](repeating: 0, count: columns)
            for index in 0..<columns { x[index] = Float((index * 7) % 13) / 13 - 0.5 }
            var y = [Float](repeating: 0, count: rows)
            var calls = 0
            let cpuStarted = processCPUSeconds()
            let started = monotonicSeconds()
            var elapsed = 0.0
            x.withUnsafeBufferPointer { xs in
                y.withUnsafeMutableBufferPointer { ys in
                    repeat {
                        multiplier.multiply(matrix, xs.baseAddress.unsafelyUnwrapped, into: ys.baseAddress.unsafelyUnwrapped)
                        calls += 1
                        elapsed = monotonicSeconds() - started
                    } while elapsed < seconds
                }
            }
            results.append(
                Result(
                    format: format.rawValue, rows: rows, columns: columns, bytes: matrix.storageBytes,
                    gigabytesPerSecond: Double(matrix.storageBytes * calls) / elapsed / 1e9,
                    gigabytesPerCPUSecond: Double(matrix.storageBytes * calls) / (processCPUSeconds() - cpuStarted) / 1e9))
        }
        return results
    }

    /// GFLOP/s (per CPU-second) of a 128-token product with a BF16 [4096, 4096] matrix, through
    /// OpenBLAS (tiles decoded to f32) and through our decode-once-per-row kernels.
    package func prefillProducts(tokens: Int = 128) -> (blas: Double, rows: Double) {
        let matrix = Self.syntheticMatrix(.bfloat16, rows: 4096, columns: 4096)
        var x = [Float](repeating: 0, count: tokens * 4096)
        for index in x.indices { x[index] = Float((index * 7) % 13) / 13 - 0.5 }
        var y = [Float](repeating: 0, count: tokens * 4096)
        func measure(_ threshold: Int) -> Double {
            let multiplier = MatrixMultiplier(pool: self.pool, blasThreshold: threshold)
            let cpuStarted = processCPUSeconds()
            x.withUnsafeBufferPointer { xs in
                y.withUnsafeMutableBufferPointer { ys in
                    for _ in 0..<2 { multiplier.multiply(matrix, xs.baseAddress.unsafelyUnwrapped, count: tokens, into: ys.baseAddress.unsafelyUnwrapped) }
                }
            }
            return 2 * 2 * Double(tokens) * 4096 * 4096 / (processCPUSeconds() - cpuStarted) / 1e9
        }
        return (measure(1), measure(Int.max))
    }

    /// A matrix of `format` filled with a fixed pseudo-random pattern of normal codes.
    static func syntheticMatrix(_ format: WeightMatrix.Format, rows: Int, columns: Int) -> WeightMatrix {
        let dataBytes = WeightMatrix.dataBytes(format: format, rows: rows, columns: columns)
        let scaleBytes = WeightMatrix.scaleBytes(format: format, rows: rows, columns: columns)
        let buffer = OwnedBuffer(byteCount: dataBytes + scaleBytes)
        let bytes = buffer.pointer.assumingMemoryBound(to: UInt8.self)
        // FP8 codes of Gaussian weights scaled so a block's largest is near 448 (few subnormals,
        // as in real checkpoints); uniform bytes for FP4 (every code is common); BF16 near ±1.
        var generator = Xoshiro256(seed: 12345)
        let fp8Codes = (0..<4096).map { _ -> UInt8 in
            let u1 = max(Double(generator.nextUnitFloat()), 1e-7)
            let u2 = Double(generator.nextUnitFloat())
            let gaussian = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
            return ScalarFormats.floatToE4M3(Float(gaussian * 448 / 4.5))
        }
        for index in 0..<dataBytes {
            let random = UInt8(truncatingIfNeeded: generator.next() >> 56)
            switch format {
            case .fp8Block128: bytes[index] = fp8Codes[Int(random) * 16 + index % 16]
            case .bfloat16: bytes[index] = index % 2 == 1 ? 0x3C | (random & 0x80) : random
            default: bytes[index] = random
            }
        }
        for index in 0..<scaleBytes { bytes[dataBytes + index] = 120 }
        return WeightMatrix(
            format: format, rows: rows, columns: columns, data: UnsafeRawPointer(buffer.pointer),
            scales: scaleBytes > 0 ? UnsafeRawPointer(buffer.pointer + dataBytes) : nil, owner: buffer)
    }
}

/// CPU seconds the process has used (all threads).
func processCPUSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
}
