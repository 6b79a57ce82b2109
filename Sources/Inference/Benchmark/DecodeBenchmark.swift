import Checkpoint
import DeepSeekV4
import Tensors

#if canImport(Glibc)
import Glibc  // sysconf for the resident set size
#endif

/// Measures prefill and decode speed of a model at given context lengths (for
/// `seam-engine bench`), with the bytes each decode step reads and the fraction of the
/// machine's memory bandwidth that represents.
package struct DecodeBenchmark {
    /// The machine's measured read bandwidth with both cores, ≈ 21–25 GB/s (ARCHITECTURE.md);
    /// fractions are reported against the midpoint.
    package static let bandwidthBound = 23e9

    /// One context length's numbers.
    package struct Result: Sendable, Codable {
        /// Prompt length prefilled before decoding.
        package var context: Int
        /// Prompt tokens per second.
        package var prefillTokensPerSecond: Double
        /// Prefill plus choosing the first token.
        package var timeToFirstTokenSeconds: Double
        /// Tokens decoded.
        package var decodeTokens: Int
        /// Decode speed.
        package var decodeTokensPerSecond: Double
        /// Weight bytes plus cache bytes one decode step reads (at the end of the run).
        package var bytesPerDecodeToken: Int
        /// Of which weights.
        package var weightBytesPerDecodeToken: Int
        /// Of which KV cache.
        package var cacheBytesPerDecodeToken: Int
        /// bytes/token × tokens/s.
        package var effectiveBandwidth: Double
        /// effectiveBandwidth / bandwidthBound.
        package var fractionOfBandwidthBound: Double
        /// effectiveBandwidth over a streaming read measured on this machine in the same run (the
        /// kernel benchmark's, at the model's thread count), when one was measured.
        package var fractionOfMeasuredStream: Double?
        /// Cache size at the end.
        package var cacheBytes: Int
    }

    /// The model measured.
    package let model: DeepSeekV4Model

    /// A benchmark of `model`.
    package init(model: DeepSeekV4Model) {
        self.model = model
    }

    /// A reproducible prompt of `count` ordinary token ids (no special tokens at the top).
    package func syntheticPrompt(_ count: Int) -> [Int] {
        let usable = max(1, self.model.vocabularySize - 16)
        var state: UInt64 = 0x5EA3
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return 3 + Int((state >> 33) % UInt64(max(1, usable - 3)))
        }
    }

    /// Prefills `context` tokens, then decodes `tokens` greedily.
    package func run(context: Int, tokens: Int) throws -> Result {
        let cache = self.model.makeCache()
        var logits: [Float] = []
        let prompt = self.syntheticPrompt(context)
        let started = monotonicSeconds()
        try self.model.forward(prompt, cache: cache, logits: &logits)
        var next = Sampler.argmax(logits)
        let firstToken = monotonicSeconds() - started
        let decodeStarted = monotonicSeconds()
        var decoded = 0
        while decoded < tokens && cache.tokenCount < self.model.maximumContext {
            try self.model.decode(next, cache: cache, logits: &logits)
            next = Sampler.argmax(logits)
            decoded += 1
        }
        let decodeSeconds = monotonicSeconds() - decodeStarted
        let weightBytes = self.model.summary.activeWeightBytesPerToken
        let cacheBytes = self.cacheBytesReadPerToken(cache)
        let perSecond = decoded > 0 ? Double(decoded) / decodeSeconds : 0
        let bandwidth = Double(weightBytes + cacheBytes) * perSecond
        return Result(
            context: context, prefillTokensPerSecond: Double(context) / firstToken, timeToFirstTokenSeconds: firstToken,
            decodeTokens: decoded, decodeTokensPerSecond: perSecond, bytesPerDecodeToken: weightBytes + cacheBytes,
            weightBytesPerDecodeToken: weightBytes, cacheBytesPerDecodeToken: cacheBytes, effectiveBandwidth: bandwidth,
            fractionOfBandwidthBound: bandwidth / Self.bandwidthBound, fractionOfMeasuredStream: nil, cacheBytes: cache.usage.totalBytes)
    }

    /// Cache bytes one decode step reads: every layer's window, all HCA entries, all CSA
    /// indexer keys and the top-k CSA entries.
    package func cacheBytesReadPerToken(_ cache: SequenceCache) -> Int {
        let c = self.model.configuration
        let usage = cache.usage
        var bytes = 0
        for (layer, entries) in usage.entriesByLayer.enumerated() {
            let window = min(cache.tokenCount, c.slidingWindow)
            bytes += window * c.headDimension * 4
            switch c.attentionKind(layer: layer) {
            case .window: break
            case .heavilyCompressed(_): bytes += entries * c.headDimension * 4
            case .compressedSparse: bytes += entries * c.indexHeadDimension * 4 + min(entries, c.indexTopK) * c.headDimension * 4
            }
        }
        return bytes
    }

    /// The process's resident set size in bytes (from /proc/self/statm), or nil.
    package static func residentBytes() -> Int? {
        guard let file = fopen("/proc/self/statm", "r") else { return nil }
        defer { fclose(file) }
        var size = 0
        var resident = 0
        guard fscanf_statm(file, &size, &resident) else { return nil }
        return resident * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}

private func fscanf_statm(_ file: UnsafeMutablePointer<FILE>, _ size: inout Int, _ resident: inout Int) -> Bool {
    var buffer = [CChar](repeating: 0, count: 256)
    guard fgets(&buffer, Int32(buffer.count), file) != nil else { return false }
    let text = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress.unsafelyUnwrapped) }
    let fields = text.split(separator: " ").compactMap { Int($0.trimmingCharacters()) }
    guard fields.count >= 2 else { return false }
    size = fields[0]
    resident = fields[1]
    return true
}

extension Substring {
    fileprivate func trimmingCharacters() -> Substring {
        var text = self
        while let last = text.last, last == "\n" || last == " " { text = text.dropLast() }
        return text
    }
}
