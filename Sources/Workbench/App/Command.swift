/// Effects the update asks for. `WorkbenchEffects` runs them off the main loop where they block
/// (disk, git, the engine) and sends the results back as `Msg`s. Imperative names.
package enum Command: Hashable, Sendable {
    // MARK: Engine
    /// Connect to the engine (starting it on the configured model when needed).
    case connectEngine
    /// Read `/v1/engine/state`.
    case loadEngineState
    /// Count the tokens of exactly these messages with the engine's tokenizer.
    case countContext(revision: Int, messages: [ContextMessage])
    /// Stream an answer for these messages.
    case streamChat(requestID: Int, messages: [ContextMessage], maxTokens: Int, temperature: Double?)
    /// Stop the answer being streamed.
    case cancelChat(requestID: Int)

    // MARK: Workspace
    case loadDirectory(String)
    case loadGitStatus
    case loadFile(String)
    /// Walk the workspace for the finder and `@path` completion.
    case loadFileIndex
    /// Forget the file index (after a refresh) so the next `loadFileIndex` walks again.
    case resetFileIndex
    case findFiles(query: String)
    case findMentions(query: String)
    case searchContent(generation: Int, pattern: String, isRegex: Bool)
    case cancelSearch(generation: Int)
    case readAttachments(requestID: Int, paths: [String], byteCap: Int)
    /// Find AGENTS.md (else CLAUDE.md) from the root down to `directory`.
    case loadMemorySources(directory: String)

    // MARK: Persistence
    case saveConversation(Conversation)
    case listConversations
    case loadConversation(id: String)
    case loadLatestConversation
    case loadNotes
    case saveNotes([PinnedNote])

    // MARK: Appearance and terminal
    case loadTheme(String)
    case loadKeymap(String)
    case listChoices(PickerState.Kind)
    case setMouse(Bool)
    /// Send `noticeExpired` after a while so the status bar clears.
    case expireNotice(Notice)

    // MARK: Review
    /// Open, apply, edit, undo, redo: run by `ReviewEffects`.
    case review(ReviewCommand)

    // MARK: Migration
    /// Plan, preview, measure, undo, the model's types: run by `MigrationEffects` (the answer
    /// streams through `WorkbenchEffects`' engine client).
    case migration(MigrationCommand)
}
