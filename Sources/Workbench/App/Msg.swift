import TerminalKit
import Workspace

/// Everything that happens to the workbench: terminal input, and the results of commands.
/// Past-tense names: each says what happened.
package enum Msg: Sendable {
    // MARK: Input
    /// A key, paste or mouse event from the terminal (routed by the update through popups,
    /// the keymap and the focused pane).
    case inputReceived(InputEvent)
    /// The terminal changed size.
    case resized(Size)
    /// An action was chosen (palette, mouse, or a test).
    case actionInvoked(ActionID)
    /// A click outside the top popup.
    case overlayDismissed

    // MARK: Engine
    case engineProgressed(String)
    case engineConnected(EngineInfo)
    case engineFailed(String)
    case engineStateLoaded(EngineStateSummary)
    case engineStateFailed(String)
    case contextCounted(revision: Int, tokens: Int)
    case contextCountFailed(revision: Int, message: String)

    // MARK: Chat
    case attachmentsLoaded(requestID: Int, attachments: [Attachment], failures: [String])
    case chatDeltaReceived(requestID: Int, content: String, reasoning: String)
    case chatFinished(requestID: Int, finishReason: String?, usage: ChatState.UsageSummary?)
    case chatFailed(requestID: Int, message: String)
    case conversationSaved(error: String?)
    case conversationsListed([ConversationSummary])
    case conversationLoaded(Conversation)
    case conversationLoadFailed(String)
    case historyLoaded([String])

    // MARK: Tree and files
    case directoryLoaded(DirectoryListing)
    case directoryFailed(path: String, message: String)
    case gitStatusLoaded(GitStatusSnapshot)
    case fileLoaded(path: String, content: FileContent)
    case fileFailed(path: String, message: String)

    // MARK: Finder and search
    case fileIndexLoaded(count: Int, isComplete: Bool)
    case fileIndexFailed(String)
    case finderMatched(query: String, items: [FinderItem], total: Int)
    case mentionsMatched(query: String, paths: [String])
    case searchResultsFound(generation: Int, items: [SearchResultItem])
    case searchFinished(generation: Int, summary: String, error: String?)

    // MARK: Memory
    case memoryLoaded(directory: String, context: MemoryContext)
    case notesLoaded([PinnedNote])
    case notesSaved(error: String?)

    // MARK: Appearance
    case themeLoaded(Theme)
    case keymapLoaded(Keymap)
    case settingFailed(String)
    case choicesListed(kind: PickerState.Kind, items: [PickerItem])
    case noticeExpired(Notice)

    // MARK: Review
    /// A result of a review command.
    case review(ReviewMsg)

    // MARK: Migration
    /// A result of a walkthrough command.
    case migration(MigrationMsg)
}

/// A file read for the viewer: lines with highlighting and a note about the encoding.
package struct FileContent: Hashable, Sendable {
    package var lines: [String]
    package var highlights: [[HighlightRun]]
    package var language: String?
    package var note: String?

    package init(lines: [String], highlights: [[HighlightRun]] = [], language: String? = nil, note: String? = nil) {
        self.lines = lines
        self.highlights = highlights
        self.language = language
        self.note = note
    }
}
