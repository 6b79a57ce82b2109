/// What jobs on the inference thread work with: the model and the session store. Exists only on
/// that thread; jobs receive it as a parameter and must not keep it.
package final class InferenceContext {
    /// The loaded model.
    package let model: any LanguageModel
    /// Cached states for prefix reuse.
    package let store: SessionStore
    /// Identifies the model in session files.
    package let fingerprint: String
    /// The longest context the scheduler serves.
    package let maxContext: Int
    /// Prompt tokens fed per step.
    package let prefillChunk: Int
    /// Caches of generations in progress, for the memory report.
    package internal(set) var activeCaches: [any TokenCache] = []
    /// Memory of the generations in progress (summed when asked: the report is rare, steps are not).
    package var activeMemory: CacheMemory { self.activeCaches.reduce(CacheMemory.zero) { $0 + $1.memory } }
    /// Generations in progress and waiting.
    package internal(set) var activeCount = 0
    package internal(set) var queuedCount = 0

    init(model: any LanguageModel, store: SessionStore, fingerprint: String, maxContext: Int, prefillChunk: Int) {
        self.prefillChunk = max(1, prefillChunk)
        self.model = model
        self.store = store
        self.fingerprint = fingerprint
        self.maxContext = maxContext
    }

    /// Encodes session `id` as a session file; nil when there is no such session.
    package func encodeSession(_ id: String) -> (bytes: [UInt8], tokens: Int, checksum: UInt32)? {
        guard let entry = self.store.entry(id) else { return nil }
        let (bytes, checksum) = SessionFile.encode(
            fingerprint: self.fingerprint,
            tokens: entry.tokens,
            cacheBytes: entry.cache.serialized(),
            logits: entry.logits
        )
        return (bytes, entry.tokens.count, checksum)
    }

    /// Decodes a session file, rebuilds its cache and stores it; returns the new session's id.
    package func restoreSession(_ bytes: [UInt8]) throws(SessionFileError) -> (id: String, tokens: Int, checksum: UInt32) {
        let contents = try SessionFile.decode(bytes, expectedFingerprint: self.fingerprint)
        guard !contents.tokens.isEmpty else { throw SessionFileError("the session file holds no tokens") }
        guard contents.tokens.count <= self.maxContext else {
            throw SessionFileError("the session holds \(contents.tokens.count) tokens, more than this engine's context of \(self.maxContext)")
        }
        if let bad = contents.tokens.first(where: { $0 < 0 || $0 >= self.model.vocabularySize }) {
            throw SessionFileError("the session file holds token id \(bad), outside the vocabulary")
        }
        if let logits = contents.logits, logits.count != self.model.vocabularySize {
            throw SessionFileError("the session file's logits have \(logits.count) entries, not \(self.model.vocabularySize)")
        }
        let cache: any TokenCache
        do {
            cache = try self.model.restoreCache(contents.cacheBytes)
        } catch {
            throw SessionFileError("the session's cache cannot be restored: \(error)")
        }
        guard cache.tokenCount == contents.tokens.count else {
            throw SessionFileError("the session's cache holds \(cache.tokenCount) tokens but its token list \(contents.tokens.count)")
        }
        guard let id = self.store.insert(tokens: contents.tokens, cache: cache, logits: contents.logits) else {
            throw SessionFileError("the session is larger than the engine's whole cache budget")
        }
        return (id, contents.tokens.count, contents.checksum)
    }
}
