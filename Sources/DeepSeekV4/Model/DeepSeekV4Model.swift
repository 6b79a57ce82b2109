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
/// try model.forward([nextToken], cache: cache, logits: &logits)    // one decode step
/// let fork = cache.copy()                                           // branch a session
/// let bytes = cache.serialized()                                    // save a session
/// let restored = try model.restoreCache(bytes)                      // …and restore it
/// ```
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

    /// Vocabulary size (the length of a logits vector).
    package var vocabularySize: Int { self.configuration.vocabularySize }
    /// The most tokens a cache may hold.
    package var maximumContext: Int { self.options.maximumContext ?? self.configuration.maximumPositionEmbeddingsOrDefault }

    private init(directory: String, configuration: ModelConfiguration, summary: ModelSummary, options: Options) {
        self.directory = directory
        self.configuration = configuration
        self.summary = summary
        self.options = options
    }

    /// Loads and validates the checkpoint in `directory` (config.json, safetensors or sharded
    /// index, every tensor checked against the weight table). Throws `CheckpointError`.
    package static func load(directory: String, options: Options = Options()) throws -> DeepSeekV4Model {
        throw ModelError(.invalidArgument, "DeepSeekV4Model.load: not built yet")
    }

    /// A new, empty cache for one sequence.
    package func makeCache() -> SequenceCache {
        SequenceCache(layerCount: self.configuration.layerCount)
    }

    /// Feeds `tokens` at `cache.tokenCount` and writes the logits of the last position to
    /// `logits` (resized to `vocabularySize`; reuse the array to avoid allocating).
    package func forward(_ tokens: [Int], cache: SequenceCache, logits: inout [Float]) throws {
        throw ModelError(.invalidArgument, "forward: not built yet")
    }

    /// Feeds `tokens` at `cache.tokenCount` and returns the logits of every fed position,
    /// row-major `[tokens.count, vocabularySize]` (for eval).
    package func forwardAllPositions(_ tokens: [Int], cache: SequenceCache) throws -> [Float] {
        throw ModelError(.invalidArgument, "forwardAllPositions: not built yet")
    }

    /// Rebuilds a cache from `SequenceCache.serialized()` bytes made by this model (same
    /// config). Throws `ModelError.corruptCache` on damaged or foreign bytes.
    package func restoreCache(_ bytes: [UInt8]) throws -> SequenceCache {
        throw ModelError(.corruptCache, "restoreCache: not built yet")
    }
}

extension ModelConfiguration {
    /// `max_position_embeddings`.
    package var maximumPositionEmbeddingsOrDefault: Int { self.maxPositionEmbeddings }
}
