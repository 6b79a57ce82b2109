/// Cached sequence states for prefix reuse, bounded in memory with least-recently-used eviction.
///
/// Each entry holds the tokens a cache has consumed, the cache, and (when known) the logits of
/// its last position, so a prompt that starts with an entry's tokens continues from the entry's
/// state instead of recomputing it; a prompt equal to an entry's tokens needs no model work at
/// all. A sparse cache cannot be rolled back (the window ring and the compressor state forget),
/// so only entries whose whole token list is a prefix of the prompt are usable; the scheduler
/// therefore stores one entry at the end of each prompt and one at the end of each generation.
///
/// Used only on the inference thread.
package final class SessionStore {
    /// One cached state.
    package struct Entry {
        package var id: String
        package var tokens: [Int]
        package var cache: any TokenCache
        /// The logits after the last token, when known.
        package var logits: [Float]?
        package var memory: CacheMemory
        /// Monotonic use counter (higher = more recent).
        package var lastUse: UInt64
        /// Unix time of the last use.
        package var lastUsedTime: Int

        /// Bytes this entry accounts for: the cache, the logits and the token list.
        package var bytes: Int {
            self.memory.totalBytes + (self.logits?.count ?? 0) * 4 + self.tokens.count * 8
        }
    }

    /// The most bytes all entries may hold.
    package var budgetBytes: Int
    /// The most entries.
    package var maxEntries: Int
    private var entries: [String: Entry] = [:]
    private var useCounter: UInt64 = 0
    private var nextID = 1
    /// Reuse counters.
    package private(set) var hits = 0
    package private(set) var misses = 0
    package private(set) var reusedTokens = 0
    package private(set) var computedTokens = 0
    package private(set) var evictions = 0
    private let clock: @Sendable () -> Int

    package init(budgetBytes: Int, maxEntries: Int = 64, clock: @escaping @Sendable () -> Int) {
        self.budgetBytes = budgetBytes
        self.maxEntries = maxEntries
        self.clock = clock
    }

    /// Entries held.
    package var count: Int { self.entries.count }

    /// All entries, most recently used first.
    package var allEntries: [Entry] {
        self.entries.values.sorted { $0.lastUse > $1.lastUse }
    }

    /// Bytes held by all entries.
    package var totalBytes: Int { self.entries.values.reduce(0) { $0 + $1.bytes } }

    /// The entry with `id`.
    package func entry(_ id: String) -> Entry? { self.entries[id] }

    /// The entry to continue `prompt` from: the longest whose tokens are a prefix of the prompt
    /// (an entry equal to the prompt counts only when it has logits, which the first sampled
    /// token needs).
    ///
    /// - Complexity: O(entries × prompt length).
    package func bestPrefix(for prompt: [Int]) -> Entry? {
        var best: Entry?
        for entry in self.entries.values {
            let length = entry.tokens.count
            guard length > 0, length <= prompt.count, length > (best?.tokens.count ?? 0) else { continue }
            if length == prompt.count && entry.logits == nil { continue }
            if prompt[0..<length].elementsEqual(entry.tokens) { best = entry }
        }
        return best
    }

    /// A copy of entry `id`'s state for a request to continue from, marking the entry used.
    package func checkout(_ id: String) -> (cache: any TokenCache, logits: [Float]?)? {
        guard var entry = self.entries[id] else { return nil }
        self.useCounter += 1
        entry.lastUse = self.useCounter
        entry.lastUsedTime = self.clock()
        self.entries[id] = entry
        return (entry.cache.copy(), entry.logits)
    }

    /// Records how a request's prompt was served.
    package func recordPrompt(reused: Int, computed: Int) {
        if reused > 0 { self.hits += 1 } else { self.misses += 1 }
        self.reusedTokens += reused
        self.computedTokens += computed
    }

    /// Stores a state (taking ownership of `cache`) and evicts least-recently-used entries past
    /// the budget; an entry with the same tokens is replaced. Returns the new entry's id, or nil
    /// when it was evicted at once (larger than the whole budget) or holds no tokens.
    @discardableResult
    package func insert(tokens: [Int], cache: any TokenCache, logits: [Float]?) -> String? {
        guard !tokens.isEmpty else { return nil }
        if let same = self.entries.values.first(where: { $0.tokens == tokens }) {
            self.entries.removeValue(forKey: same.id)
        }
        self.useCounter += 1
        let id = "sess-\(String(self.nextID, radix: 16))"
        self.nextID += 1
        self.entries[id] = Entry(
            id: id,
            tokens: tokens,
            cache: cache,
            logits: logits,
            memory: cache.memory,
            lastUse: self.useCounter,
            lastUsedTime: self.clock()
        )
        self.evictToBudget()
        return self.entries[id] == nil ? nil : id
    }

    /// Drops entry `id`; false when there is none.
    @discardableResult
    package func remove(_ id: String) -> Bool {
        self.entries.removeValue(forKey: id) != nil
    }

    /// Drops every entry.
    package func removeAll() {
        self.entries.removeAll()
    }

    private func evictToBudget() {
        var total = self.totalBytes
        while !self.entries.isEmpty && (total > self.budgetBytes || self.entries.count > self.maxEntries) {
            guard let oldest = self.entries.values.min(by: { $0.lastUse < $1.lastUse }) else { break }
            self.entries.removeValue(forKey: oldest.id)
            total -= oldest.bytes
            self.evictions += 1
        }
    }
}
