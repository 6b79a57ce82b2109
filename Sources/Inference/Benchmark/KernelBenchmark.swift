import DeepSeekV4
import Tensors

/// Matrix-vector throughput of the dequantising kernels on matrices the size of
/// DeepSeek-V4-Flash's (the fixture checkpoints are too small to show the kernels' speed):
/// FP8 `wq_b`-like [4096, 4096] with 128×128 scales, FP4 expert `w1` [2048, 4096] with per-32
/// scales, BF16 [4096, 4096]. Reports weight bytes read per second.
package struct KernelBenchmark {
    /// One format's throughput.
    package struct Result: Sendable, Codable {
        package var format: String
        package var rows: Int
        package var columns: Int
        package var bytes: Int
        package var gigabytesPerSecond: Double
    }

    package let pool: ThreadPool

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
                    gigabytesPerSecond: Double(matrix.storageBytes * calls) / elapsed / 1e9))
        }
        return results
    }

    /// A matrix of `format` filled with a fixed pseudo-random pattern of normal codes.
    static func syntheticMatrix(_ format: WeightMatrix.Format, rows: Int, columns: Int) -> WeightMatrix {
        let dataBytes = WeightMatrix.dataBytes(format: format, rows: rows, columns: columns)
        let scaleBytes = WeightMatrix.scaleBytes(format: format, rows: rows, columns: columns)
        let buffer = OwnedBuffer(byteCount: dataBytes + scaleBytes)
        let bytes = buffer.pointer.assumingMemoryBound(to: UInt8.self)
        var state: UInt32 = 12345
        for index in 0..<dataBytes {
            state = state &* 1_664_525 &+ 1_013_904_223
            var byte = UInt8(truncatingIfNeeded: state >> 24)
            if format == .bfloat16 && index % 2 == 1 { byte = 0x3C | (byte & 0x80) }  // sign + exponent near 1
            if format == .fp8Block128 && byte & 0x7F == 0x7F { byte = 0x7E }
            bytes[index] = byte
        }
        for index in 0..<scaleBytes { bytes[dataBytes + index] = 120 }
        return WeightMatrix(
            format: format, rows: rows, columns: columns, data: UnsafeRawPointer(buffer.pointer),
            scales: scaleBytes > 0 ? UnsafeRawPointer(buffer.pointer + dataBytes) : nil, owner: buffer)
    }
}
