/// The chat pane: the conversation, the composer, streaming progress and context size.
package struct ChatState: Hashable, Sendable {
    package var conversation: Conversation
    /// The message being written.
    package var composer = TextBuffer()
    /// Earlier questions (oldest first), for history navigation in the composer.
    package var history: [String] = []
    /// Where history navigation is (an index into `history`), nil when editing a new message.
    package var historyIndex: Int?
    /// The composer's text before history navigation started.
    package var historyDraft: String?
    /// The request being answered now, if any.
    package var streaming: StreamingRequest?
    /// A message waiting for its `@path` attachments to be read.
    package var pendingSend: PendingSend?
    /// Requests are numbered so late answers to a cancelled request are recognised and dropped.
    package var nextRequestID = 1
    /// Rows scrolled up from the end of the transcript (0 follows new text).
    package var scrollFromBottom = 0
    /// Show reasoning text instead of a one-line fold.
    package var showReasoning = false
    /// The `@path` completion popup, while the word at the cursor starts with `@`.
    package var mention: MentionCompletion?
    /// Tokens of the whole context that the next message is sent with (memory and conversation),
    /// counted by the engine's tokenizer; nil until counted.
    package var contextTokens: Int?
    /// The context revision `contextTokens` was counted for; a newer revision means recount.
    package var countedRevision = -1
    /// Bumped whenever what is sent as context changes.
    package var contextRevision = 0
    /// Usage reported with the last answer.
    package var lastUsage: UsageSummary?

    package init(conversation: Conversation) {
        self.conversation = conversation
    }

    /// A request in flight.
    package struct StreamingRequest: Hashable, Sendable {
        package var id: Int
        /// Content and reasoning pieces received so far.
        package var chunks: Int
        package init(id: Int, chunks: Int = 0) {
            self.id = id
            self.chunks = chunks
        }
    }

    /// A message whose attachments are being read.
    package struct PendingSend: Hashable, Sendable {
        package var id: Int
        package var text: String
        package var paths: [String]
        package init(id: Int, text: String, paths: [String]) {
            self.id = id
            self.text = text
            self.paths = paths
        }
    }

    /// Token counts of the last completed answer.
    package struct UsageSummary: Hashable, Sendable {
        package var promptTokens: Int
        package var completionTokens: Int
        package var cachedTokens: Int?
        package init(promptTokens: Int, completionTokens: Int, cachedTokens: Int?) {
            self.promptTokens = promptTokens
            self.completionTokens = completionTokens
            self.cachedTokens = cachedTokens
        }
    }

    /// True while an answer streams.
    package var isStreaming: Bool { self.streaming != nil }
}

/// The completion list for an `@path` mention being typed.
package struct MentionCompletion: Hashable, Sendable {
    /// What follows the `@`.
    package var query: String
    /// Matching paths, best first.
    package var candidates: [String]
    package var selection = 0

    package init(query: String, candidates: [String]) {
        self.query = query
        self.candidates = candidates
    }
}
