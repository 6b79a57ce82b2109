import Basics
import Checkpoint
import Tensors

/// A DeepSeek-V4 checkpoint loaded for inference — the module's entry point.
///
/// ```swift
/// let model = try DeepSeekV4Model.load(directory: "Models/deepseek-v4-tiny")
/// let cache = model.makeCache()
/// var logits: [Float] = []
/// try model.forward(promptTokens, cache: cache, logits: &logits)   // prefill from position 0
/// try model.decode(nextToken, cache: cache, logits: &logits)       // one decode step
/// let all = try model.forwardAllPositions(tokens, cache: fresh)     // every position (eval)
/// let fork = cache.copy()                                           // branch a session
/// let bytes = cache.serialized()                                    // save a session
/// let restored = try model.restoreCache(bytes)                      // …and restore it
/// cache.usage                        // bytes by layer kind, compressed entries, token count
/// model.summary                      // parameters, bytes by dtype, layer kinds
/// ```
///
/// Errors: loading throws `CheckpointError` (file, tensor, what was expected); feeding throws
/// `ModelError` (token outside the vocabulary, context full, foreign cache) before touching
/// the cache, so a failed call loses nothing.
///
/// `forward` feeds tokens at the cache's next position: a prefill of any length from position
/// 0, a continuation of a cache, or single-token decode steps all give the same logits as one
/// full forward pass (deepseek-v4.md §7). Weights stay memory-mapped in their stored formats
/// (FP8, FP4, BF16); the kernels dequantise while multiplying.
///
/// Threading: a model and its caches belong to one inference thread at a time. `forward`
/// uses the model's scratch buffers and thread pool, so two threads must never call it
/// concurrently (use one worker thread, as the engine does); distinct caches may be used one
/// after another freely.
package final class DeepSeekV4Model: @unchecked Sendable {
    // @unchecked: weights are immutable; scratch state is confined to the calling thread by
    // contract (see the type's documentation).

    /// Loading options.
    package struct Options: Sendable {
        /// Threads for the matrix kernels, including the caller (default: online CPUs).
        package var threads: Int?
        /// Longest run of tokens one internal forward step processes; longer prefills are fed
        /// in chunks of this size (same result, bounded scratch memory).
        package var maximumChunk: Int
        /// Refuse contexts longer than this (default: `max_position_embeddings`).
        package var maximumContext: Int?

        /// Defaults: all CPUs, chunks of 128 tokens, the model's own context limit.
        package init(threads: Int? = nil, maximumChunk: Int = 128, maximumContext: Int? = nil) {
            self.threads = threads
            self.maximumChunk = maximumChunk
            self.maximumContext = maximumContext
        }
    }

    /// The checkpoint directory it was loaded from.
    package let directory: String
    /// The validated config.json.
    package let configuration: ModelConfiguration
    /// Parameters, bytes and layer kinds.
    package let summary: ModelSummary
    /// The options it was loaded with.
    package let options: Options
    /// Identifies the model shape in serialized caches.
    let fingerprint: UInt64
    private let pass: ForwardPass
    /// Holds the token of a `decode` step.
    private let singleToken = UnsafeMutablePointer<Int>.allocate(capacity: 1)

    /// Vocabulary size (the length of a logits vector).
    package var vocabularySize: Int { self.configuration.vocabularySize }
    /// The most tokens a cache may hold.
    package var maximumContext: Int { min(self.options.maximumContext ?? Int.max, self.configuration.maxPositionEmbeddings) }
    /// Threads the kernels use (including the caller).
    package var threadCount: Int { self.pass.pool.participants }

    private init(directory: String, checkpoint: CheckpointDirectory, weights: CheckpointWeights, options: Options, progress: ((Double) -> Void)?) {
        let c = checkpoint.configuration
        self.directory = directory
        self.configuration = c
        self.options = options
        let bound = ModelWeights(weights, configuration: c, progress: progress)
        self.pass = ForwardPass(configuration: c, weights: bound, pool: ThreadPool(threadCount: options.threads), maximumChunk: options.maximumChunk)
        self.fingerprint = Self.fingerprint(of: c)
        var kinds = (window: 0, sparse: 0, heavy: 0)
        for layer in 0..<c.layerCount {
            switch c.attentionKind(layer: layer) {
            case .window: kinds.window += 1
            case .compressedSparse: kinds.sparse += 1
            case .heavilyCompressed: kinds.heavy += 1
            }
        }
        self.summary = ModelSummary(
            parameterCount: weights.parameterCount, mtpParameterCount: weights.mtpParameterCount,
            tensorCount: weights.tensors.count + weights.tensors.values.filter { $0.scale != nil }.count,
            mtpTensorCount: weights.mtpTensors.count, bytesByDType: weights.bytesByDType, fileBytes: checkpoint.fileBytes,
            fileCount: checkpoint.files.count, windowLayers: kinds.window, compressedSparseLayers: kinds.sparse,
            heavilyCompressedLayers: kinds.heavy, convertedBytes: bound.convertedBytes,
            activeWeightBytesPerToken: Self.activeBytes(bound, configuration: c))
    }

    /// Loads and validates the checkpoint in `directory` (config.json, safetensors or sharded
    /// index, every tensor checked against the weight table). Throws `CheckpointError`.
    ///
    /// `progress`, when given, is called on the loading thread with the fraction done, rising
    /// from 0 to 1: files mapped and their headers validated (first 40%), tensors checked against
    /// the weight table (next 30%), layers bound (last 30%).
    package static func load(directory: String, options: Options = Options(), progress: ((Double) -> Void)? = nil) throws -> DeepSeekV4Model {
        progress?(0)
        let checkpoint = try CheckpointDirectory(path: directory, progress: progress.map { report in { report(0.4 * $0) } })
        let weights = try WeightTable(configuration: checkpoint.configuration)
            .verify(checkpoint, progress: progress.map { report in { report(0.4 + 0.3 * $0) } })
        let model = DeepSeekV4Model(
            directory: directory, checkpoint: checkpoint, weights: weights, options: options,
            progress: progress.map { report in { report(0.7 + 0.3 * $0) } })
        progress?(1)
        return model
    }

    /// A new, empty cache for one sequence.
    package func makeCache() -> SequenceCache {
        SequenceCache(configuration: self.configuration, fingerprint: self.fingerprint)
    }

    /// Feeds `tokens` at `cache.tokenCount` and writes the logits of the last position to
    /// `logits` (resized to `vocabularySize`; pass the same array each step to avoid
    /// allocating). Long inputs run in chunks of `options.maximumChunk`.
    package func forward(_ tokens: [Int], cache: SequenceCache, logits: inout [Float]) throws {
        try self.validate(tokens, cache: cache)
        if logits.count != self.vocabularySize { logits = Array(repeating: 0, count: self.vocabularySize) }
        tokens.withUnsafeBufferPointer { all in
            logits.withUnsafeMutableBufferPointer { output in
                var offset = 0
                while offset < all.count {
                    let chunk = min(self.pass.maximumChunk, all.count - offset)
                    let slice = UnsafeBufferPointer(rebasing: all[offset..<(offset + chunk)])
                    self.pass.run(slice, cache: cache, allPositions: false, logits: output.baseAddress.unsafelyUnwrapped)
                    offset += chunk
                }
            }
        }
    }

    /// One decode step: feeds `token` at `cache.tokenCount` and writes the next logits to
    /// `logits` (same as `forward([token], …)` without building an array; with a reused
    /// `logits` array a step allocates nothing once the scratch has grown).
    package func decode(_ token: Int, cache: SequenceCache, logits: inout [Float]) throws {
        self.singleToken.pointee = token
        let tokens = UnsafeBufferPointer(start: self.singleToken, count: 1)
        try self.validate(tokens, cache: cache)
        if logits.count != self.vocabularySize { logits = Array(repeating: 0, count: self.vocabularySize) }
        logits.withUnsafeMutableBufferPointer { output in
            self.pass.run(tokens, cache: cache, allPositions: false, logits: output.baseAddress.unsafelyUnwrapped)
        }
    }

    /// Feeds `tokens` at `cache.tokenCount` and returns the logits of every fed position,
    /// row-major `[tokens.count, vocabularySize]` (for eval).
    package func forwardAllPositions(_ tokens: [Int], cache: SequenceCache) throws -> [Float] {
        try self.validate(tokens, cache: cache)
        var result = [Float](repeating: 0, count: tokens.count * self.vocabularySize)
        let vocabulary = self.vocabularySize
        tokens.withUnsafeBufferPointer { all in
            result.withUnsafeMutableBufferPointer { output in
                var offset = 0
                while offset < all.count {
                    let chunk = min(self.pass.maximumChunk, all.count - offset)
                    let slice = UnsafeBufferPointer(rebasing: all[offset..<(offset + chunk)])
                    self.pass.run(slice, cache: cache, allPositions: true, logits: output.baseAddress.unsafelyUnwrapped + offset * vocabulary)
                    offset += chunk
                }
            }
        }
        return result
    }

    /// Rebuilds a cache from `SequenceCache.serialized()` bytes made by a model of the same
    /// shape. Throws `ModelError.corruptCache` on damaged or foreign bytes.
    package func restoreCache(_ bytes: [UInt8]) throws -> SequenceCache {
        let cache = self.makeCache()
        try cache.restore(from: bytes)
        return cache
    }

    deinit {
        self.singleToken.deallocate()
    }

    private func validate(_ tokens: [Int], cache: SequenceCache) throws {
        try tokens.withUnsafeBufferPointer { try self.validate($0, cache: cache) }
    }

    private func validate(_ tokens: UnsafeBufferPointer<Int>, cache: SequenceCache) throws {
        guard cache.fingerprint == self.fingerprint, cache.layers.count == self.configuration.layerCount else {
            throw ModelError(.cacheMismatch, "the cache was made for a different model")
        }
        guard !tokens.isEmpty else { throw ModelError(.invalidArgument, "no tokens to feed") }
        if let bad = tokens.first(where: { $0 < 0 || $0 >= self.vocabularySize }) {
            throw ModelError(.invalidToken, "token id \(bad) is outside the vocabulary (0..<\(self.vocabularySize))")
        }
        guard cache.tokenCount + tokens.count <= self.maximumContext else {
            throw ModelError(.contextFull, "\(cache.tokenCount + tokens.count) tokens exceed the context limit of \(self.maximumContext)")
        }
    }

    /// FNV-1a over the shape-defining config values.
    static func fingerprint(of c: ModelConfiguration) -> UInt64 {
        let text = "\(c.layerCount)|\(c.hiddenSize)|\(c.headDimension)|\(c.indexHeadDimension)|\(c.slidingWindow)|"
            + "\(c.compressRatios.prefix(c.layerCount).map(String.init).joined(separator: ","))|\(c.vocabularySize)"
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// Weight bytes one decode step reads at short context.
    private static func activeBytes(_ w: ModelWeights, configuration c: ModelConfiguration) -> Int {
        var total = w.head.storageBytes + w.embedding.storageBytes / max(1, c.vocabularySize) + w.headMix.function.storageBytes
        for layer in w.layers {
            var bytes = [layer.attentionMix.function, layer.ffnMix.function, layer.queryDown, layer.queryUp, layer.keyValue, layer.outputDown, layer.outputUp, layer.router]
                .reduce(0) { $0 + $1.storageBytes }
            if let compressor = layer.compressor { bytes += compressor.keyValue.storageBytes + compressor.gate.storageBytes }
            if let indexer = layer.indexer {
                bytes += indexer.queryUp.storageBytes + indexer.headWeights.storageBytes
                bytes += indexer.compressor.keyValue.storageBytes + indexer.compressor.gate.storageBytes
            }
            let shared = layer.sharedExpert
            bytes += shared.gate.storageBytes + shared.up.storageBytes + shared.down.storageBytes
            if let routed = layer.experts.first {
                bytes += c.expertsPerToken * (routed.gate.storageBytes + routed.up.storageBytes + routed.down.storageBytes)
            }
            total += bytes
        }
        return total
    }
}

