/// `GET /v1/engine/state`: what the engine holds in memory and how its caches are doing.
package struct EngineState: Codable, Sendable, Hashable {
    package var model: String
    package var status: HealthStatus.State
    /// Parameters in the checkpoint (all tensors, MTP included).
    package var parameterCount: Int
    /// Bytes of weights by storage dtype (`bf16`, `f32`, `f8_e4m3`, …).
    package var weightBytesByDtype: [String: Int]
    /// The OpenBLAS kernel the library picked for this CPU (`openblas_get_corename`).
    package var openblasCore: String?
    /// Compute threads.
    package var threads: Int
    /// The longest context accepted, in tokens.
    package var maxContext: Int
    /// Requests being generated now, and waiting for a slot.
    package var activeRequests: Int
    package var queuedRequests: Int
    /// Cached sessions, most recently used first.
    package var sessions: [SessionInfo]
    /// KV-cache bytes of all sessions by layer kind (`window`, `csa`, `hca`, `indexer`,
    /// `compressor_state`, …).
    package var kvBytesByLayerKind: [String: Int]
    /// KV-cache bytes of all sessions.
    package var kvBytes: Int
    /// The bound on `kvBytes` enforced by least-recently-used eviction.
    package var cacheBudgetBytes: Int
    /// Compressed (CSA/HCA) entries held by all sessions.
    package var compressedEntries: Int
    /// Tokens whose state all sessions hold.
    package var cachedTokens: Int
    /// Prefix-reuse counters since start.
    package var prefixCache: PrefixCacheStatistics
    /// The process's resident memory in bytes (from /proc), if known.
    package var residentBytes: Int?

    package init(
        model: String,
        status: HealthStatus.State,
        parameterCount: Int,
        weightBytesByDtype: [String: Int],
        openblasCore: String?,
        threads: Int,
        maxContext: Int,
        activeRequests: Int,
        queuedRequests: Int,
        sessions: [SessionInfo],
        kvBytesByLayerKind: [String: Int],
        kvBytes: Int,
        cacheBudgetBytes: Int,
        compressedEntries: Int,
        cachedTokens: Int,
        prefixCache: PrefixCacheStatistics,
        residentBytes: Int?
    ) {
        self.model = model
        self.status = status
        self.parameterCount = parameterCount
        self.weightBytesByDtype = weightBytesByDtype
        self.openblasCore = openblasCore
        self.threads = threads
        self.maxContext = maxContext
        self.activeRequests = activeRequests
        self.queuedRequests = queuedRequests
        self.sessions = sessions
        self.kvBytesByLayerKind = kvBytesByLayerKind
        self.kvBytes = kvBytes
        self.cacheBudgetBytes = cacheBudgetBytes
        self.compressedEntries = compressedEntries
        self.cachedTokens = cachedTokens
        self.prefixCache = prefixCache
        self.residentBytes = residentBytes
    }

    enum CodingKeys: String, CodingKey {
        case model, status, threads, sessions
        case parameterCount = "parameter_count"
        case weightBytesByDtype = "weight_bytes_by_dtype"
        case openblasCore = "openblas_core"
        case maxContext = "max_context"
        case activeRequests = "active_requests"
        case queuedRequests = "queued_requests"
        case kvBytesByLayerKind = "kv_bytes_by_layer_kind"
        case kvBytes = "kv_bytes"
        case cacheBudgetBytes = "cache_budget_bytes"
        case compressedEntries = "compressed_entries"
        case cachedTokens = "cached_tokens"
        case prefixCache = "prefix_cache"
        case residentBytes = "resident_bytes"
    }
}

/// One cached session in `EngineState.sessions`.
package struct SessionInfo: Codable, Sendable, Hashable {
    /// `sess-…`: names the session in `/v1/engine/sessions/{id}/…`.
    package var id: String
    /// Tokens whose state the session holds.
    package var tokens: Int
    package var kvBytes: Int
    package var compressedEntries: Int
    /// Unix time of the last request that used it.
    package var lastUsed: Int
    /// True while a request is generating with it. Requests continue from copies of cached
    /// sessions, so the engine reports false.
    package var inUse: Bool

    package init(id: String, tokens: Int, kvBytes: Int, compressedEntries: Int, lastUsed: Int, inUse: Bool) {
        self.id = id
        self.tokens = tokens
        self.kvBytes = kvBytes
        self.compressedEntries = compressedEntries
        self.lastUsed = lastUsed
        self.inUse = inUse
    }

    enum CodingKeys: String, CodingKey {
        case id, tokens
        case kvBytes = "kv_bytes"
        case compressedEntries = "compressed_entries"
        case lastUsed = "last_used"
        case inUse = "in_use"
    }
}

/// Prefix-reuse counters (`EngineState.prefixCache`).
package struct PrefixCacheStatistics: Codable, Sendable, Hashable {
    /// Requests that started from a cached session's state.
    package var hits: Int
    /// Requests that found no reusable prefix.
    package var misses: Int
    /// Prompt tokens whose state was reused instead of recomputed.
    package var reusedTokens: Int
    /// Prompt tokens run through the model.
    package var computedTokens: Int
    /// Sessions dropped to stay under the memory budget.
    package var evictions: Int

    package init(hits: Int = 0, misses: Int = 0, reusedTokens: Int = 0, computedTokens: Int = 0, evictions: Int = 0) {
        self.hits = hits
        self.misses = misses
        self.reusedTokens = reusedTokens
        self.computedTokens = computedTokens
        self.evictions = evictions
    }

    enum CodingKeys: String, CodingKey {
        case hits, misses, evictions
        case reusedTokens = "reused_tokens"
        case computedTokens = "computed_tokens"
    }
}
