/// One piece of what is sent to the model as context, as the memory pane lists it.
package struct ContextPart: Hashable, Sendable {
    /// What kind of piece this is.
    package enum Kind: Hashable, Sendable {
        /// The workbench's own instructions.
        case base
        /// The instruction files (AGENTS.md, CLAUDE.md), fitted into the cap.
        case instructions
        /// A pinned note.
        case note
        /// The conversation so far (messages and their attachments).
        case conversation
    }

    package var kind: Kind
    /// `AGENTS.md`, `note 2`, `conversation (3 messages)`.
    package var label: String
    /// The exact text sent.
    package var text: String
    /// Bytes of the source before the cap (equals `text`'s size unless cut).
    package var sourceBytes: Int
    /// True when the cap cut this part short.
    package var isTruncated: Bool
    /// True when the cap left nothing of it (listed, but not sent).
    package var isOmitted: Bool

    package init(kind: Kind, label: String, text: String, sourceBytes: Int, isTruncated: Bool = false, isOmitted: Bool = false) {
        self.kind = kind
        self.label = label
        self.text = text
        self.sourceBytes = sourceBytes
        self.isTruncated = isTruncated
        self.isOmitted = isOmitted
    }

    /// Bytes sent.
    package var bytes: Int { self.text.utf8.count }
}
