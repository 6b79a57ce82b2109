/// The scheduler's caches and counters at one moment, taken on the inference thread.
package struct SchedulerSnapshot: Sendable, Hashable {
    /// One cached session.
    package struct Session: Sendable, Hashable {
        package var id: String
        package var tokens: Int
        package var bytes: Int
        package var memory: CacheMemory
        package var lastUsedTime: Int
    }

    /// Cached sessions, most recently used first.
    package var sessions: [Session]
    /// Memory of the cached sessions plus the generations in progress.
    package var memory: CacheMemory
    /// Bytes of the cached sessions (with their logits and token lists) and the active caches.
    package var totalBytes: Int
    /// Tokens whose state is held.
    package var cachedTokens: Int
    package var activeRequests: Int
    package var queuedRequests: Int
    package var budgetBytes: Int
    package var hits: Int
    package var misses: Int
    package var reusedTokens: Int
    package var computedTokens: Int
    package var evictions: Int
}

extension InferenceContext {
    /// The current snapshot.
    package func snapshot() -> SchedulerSnapshot {
        let entries = self.store.allEntries
        let sessionMemory = entries.reduce(CacheMemory.zero) { $0 + $1.memory }
        return SchedulerSnapshot(
            sessions: entries.map {
                SchedulerSnapshot.Session(id: $0.id, tokens: $0.tokens.count, bytes: $0.bytes, memory: $0.memory, lastUsedTime: $0.lastUsedTime)
            },
            memory: sessionMemory + self.activeMemory,
            totalBytes: self.store.totalBytes + self.activeMemory.totalBytes,
            cachedTokens: entries.reduce(0) { $0 + $1.tokens.count },
            activeRequests: self.activeCount,
            queuedRequests: self.queuedCount,
            budgetBytes: self.store.budgetBytes,
            hits: self.store.hits,
            misses: self.store.misses,
            reusedTokens: self.store.reusedTokens,
            computedTokens: self.store.computedTokens,
            evictions: self.store.evictions
        )
    }
}
