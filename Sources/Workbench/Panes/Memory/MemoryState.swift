import Workspace

/// The memory pane: instruction files (AGENTS.md, CLAUDE.md as fallback) from the repository
/// root down to the current directory, pinned notes, and what the engine holds.
package struct MemoryState: Hashable, Sendable {
    /// The instruction files fitted into the byte cap, exactly as sent (Workspace's
    /// `MemorySources.collect`).
    package var context: MemoryContext
    /// The most bytes of instruction files sent as context.
    package var byteCap: Int
    /// Notes the user pinned for this project (sent with every message).
    package var notes: [PinnedNote] = []
    /// The selected note (for removing).
    package var selectedNote = 0
    /// The directory whose instruction files are shown (workspace-relative, "" for the root).
    package var directory = ""
    /// What the engine reports about its memory and sessions.
    package var engine: EngineStateSummary?
    /// Why the engine state is missing, when it could not be read.
    package var engineProblem: String?
    /// Rows scrolled down.
    package var scroll = 0

    package init(byteCap: Int = MemorySources.defaultByteCap) {
        self.byteCap = byteCap
        self.context = MemorySources.fit([], byteCap: byteCap)
    }
}

/// A note pinned to the project's context.
package struct PinnedNote: Codable, Hashable, Sendable {
    package var id: String
    package var text: String
    /// Unix seconds.
    package var created: Int64

    package init(id: String, text: String, created: Int64) {
        self.id = id
        self.text = text
        self.created = created
    }
}

/// The parts of `/v1/engine/state` the memory pane shows.
package struct EngineStateSummary: Hashable, Sendable {
    package var model: String
    package var sessionCount: Int
    /// Tokens of the most recently used session (this conversation's, right after an answer).
    package var latestSessionTokens: Int?
    package var latestSessionID: String?
    package var cachedTokens: Int
    package var kvBytes: Int
    package var kvBytesByLayerKind: [String: Int]
    package var maxContext: Int
    package var residentBytes: Int?
    package var prefixHits: Int
    package var reusedTokens: Int

    package init(
        model: String, sessionCount: Int, latestSessionTokens: Int?, latestSessionID: String?, cachedTokens: Int,
        kvBytes: Int, kvBytesByLayerKind: [String: Int], maxContext: Int, residentBytes: Int?, prefixHits: Int,
        reusedTokens: Int
    ) {
        self.model = model
        self.sessionCount = sessionCount
        self.latestSessionTokens = latestSessionTokens
        self.latestSessionID = latestSessionID
        self.cachedTokens = cachedTokens
        self.kvBytes = kvBytes
        self.kvBytesByLayerKind = kvBytesByLayerKind
        self.maxContext = maxContext
        self.residentBytes = residentBytes
        self.prefixHits = prefixHits
        self.reusedTokens = reusedTokens
    }
}
