/// A compressor's partial-window state (part of the cache, deepseek-v4.md §5): the projected
/// values `a` and scores `g` (position bias already added) of the tokens of the current,
/// unfinished window, and — for the overlapping CSA compressor — the first series of the
/// previous complete window, which the next entry pools as well.
struct CompressorState: Sendable, Equatable {
    /// m: tokens per window.
    let ratio: Int
    /// Width of one compressed entry.
    let width: Int
    /// coff: 2 for the overlapping (CSA) compressor, else 1.
    let seriesCount: Int
    /// Current window, `[ratio, seriesCount · width]` each.
    var currentValues: [Float]
    var currentScores: [Float]
    /// Previous complete window's first series, `[ratio, width]` each (CSA only).
    var previousValues: [Float]
    var previousScores: [Float]
    /// Whether a previous window exists (false until the first entry is emitted).
    var hasPrevious = false

    init(ratio: Int, width: Int, seriesCount: Int) {
        self.ratio = ratio
        self.width = width
        self.seriesCount = seriesCount
        self.currentValues = Array(repeating: 0, count: ratio * seriesCount * width)
        self.currentScores = Array(repeating: 0, count: ratio * seriesCount * width)
        let previous = seriesCount == 2 ? ratio * width : 0
        self.previousValues = Array(repeating: 0, count: previous)
        self.previousScores = Array(repeating: 0, count: previous)
    }

    /// Bytes held.
    var byteCount: Int { (self.currentValues.count + self.currentScores.count + self.previousValues.count + self.previousScores.count) * 4 }

    /// Records the token at `position` (its `values` and `scores` rows, `seriesCount · width`
    /// each; `positionBias` is the compressor's `ape` [ratio, seriesCount · width], added here).
    /// When the token completes its window, pools the window into `entry` (width floats,
    /// before the norm and RoPE) and returns true.
    ///
    /// Pooling, per channel c, is a softmax over the slots' scores weighting their values:
    /// HCA pools the m slots of the window; CSA pools the previous window's first series
    /// (if any) with the current window's second series (2m slots).
    mutating func feed(
        position: Int, values: UnsafePointer<Float>, scores: UnsafePointer<Float>, positionBias: UnsafePointer<Float>,
        entry: UnsafeMutablePointer<Float>
    ) -> Bool {
        let row = self.seriesCount * self.width
        let slot = position % self.ratio
        self.currentValues.withUnsafeMutableBufferPointer { current in
            (current.baseAddress.unsafelyUnwrapped + slot * row).update(from: values, count: row)
        }
        self.currentScores.withUnsafeMutableBufferPointer { current in
            let base = current.baseAddress.unsafelyUnwrapped + slot * row
            for i in 0..<row { base[i] = scores[i] + positionBias[slot * row + i] }
        }
        guard slot == self.ratio - 1 else { return false }
        let width = self.width
        let ratio = self.ratio
        let overlapping = self.seriesCount == 2
        let usePrevious = overlapping && self.hasPrevious
        let offset = overlapping ? width : 0
        self.currentValues.withUnsafeBufferPointer { cvBuffer in
            self.currentScores.withUnsafeBufferPointer { csBuffer in
                self.previousValues.withUnsafeBufferPointer { pvBuffer in
                    self.previousScores.withUnsafeBufferPointer { psBuffer in
                        let cv = cvBuffer.baseAddress.unsafelyUnwrapped
                        let cs = csBuffer.baseAddress.unsafelyUnwrapped
                        for channel in 0..<width {
                            var maximum = -Float.infinity
                            if usePrevious {
                                let ps = psBuffer.baseAddress.unsafelyUnwrapped
                                for s in 0..<ratio { maximum = max(maximum, ps[s * width + channel]) }
                            }
                            for s in 0..<ratio { maximum = max(maximum, cs[s * row + offset + channel]) }
                            var sum: Float = 0
                            var pooled: Float = 0
                            if usePrevious {
                                let ps = psBuffer.baseAddress.unsafelyUnwrapped
                                let pv = pvBuffer.baseAddress.unsafelyUnwrapped
                                for s in 0..<ratio {
                                    let weight = expf(ps[s * width + channel] - maximum)
                                    sum += weight
                                    pooled += weight * pv[s * width + channel]
                                }
                            }
                            for s in 0..<ratio {
                                let weight = expf(cs[s * row + offset + channel] - maximum)
                                sum += weight
                                pooled += weight * cv[s * row + offset + channel]
                            }
                            entry[channel] = pooled / sum
                        }
                    }
                }
            }
        }
        if overlapping {
            for s in 0..<ratio {
                for channel in 0..<width {
                    self.previousValues[s * width + channel] = self.currentValues[s * row + channel]
                    self.previousScores[s * width + channel] = self.currentScores[s * row + channel]
                }
            }
            self.hasPrevious = true
        }
        return true
    }
}

#if canImport(Glibc)
import Glibc  // expf
#endif
