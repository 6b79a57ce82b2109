/// A chat conversation as saved per project: every message with its attachments, so resuming
/// sends exactly what was sent before.
package struct Conversation: Codable, Hashable, Sendable {
    /// Unique within the project; also the file name.
    package var id: String
    /// A short title (the start of the first question).
    package var title: String
    /// Unix seconds.
    package var created: Int64
    package var updated: Int64
    package var messages: [ConversationMessage]

    package init(id: String, title: String = "", created: Int64, messages: [ConversationMessage] = []) {
        self.id = id
        self.title = title
        self.created = created
        self.updated = created
        self.messages = messages
    }

    /// True when nothing was asked yet.
    package var isEmpty: Bool { self.messages.isEmpty }
}

/// One message of a conversation.
package struct ConversationMessage: Codable, Hashable, Sendable {
    /// Who wrote it. Errors are shown inline but never sent back to the model.
    package enum Role: String, Codable, Hashable, Sendable {
        case user, assistant, error
    }

    package var role: Role
    /// What the user typed, or the answer's content.
    package var text: String
    /// The model's reasoning (thinking mode), shown folded.
    package var reasoning: String?
    /// Files attached through `@path` mentions (user messages).
    package var attachments: [Attachment]
    /// Why generation stopped (`stop`, `length`, `cancelled`).
    package var finishReason: String?
    /// How the user received the model's previous proposal (user messages): sent with the
    /// message so the model learns what was rejected or edited.
    package var reviewFeedback: String?

    package init(
        role: Role, text: String, reasoning: String? = nil, attachments: [Attachment] = [], finishReason: String? = nil,
        reviewFeedback: String? = nil
    ) {
        self.role = role
        self.text = text
        self.reasoning = reasoning
        self.attachments = attachments
        self.finishReason = finishReason
        self.reviewFeedback = reviewFeedback
    }
}

/// A file's contents attached to a user message.
package struct Attachment: Codable, Hashable, Sendable {
    package var path: String
    /// The text sent (possibly cut at the attachment cap).
    package var content: String
    /// The file's size in bytes.
    package var byteCount: Int
    /// True when `content` is only the start of the file.
    package var isTruncated: Bool

    package init(path: String, content: String, byteCount: Int, isTruncated: Bool) {
        self.path = path
        self.content = content
        self.byteCount = byteCount
        self.isTruncated = isTruncated
    }
}

/// A saved conversation as listed in the resume picker.
package struct ConversationSummary: Hashable, Sendable {
    package var id: String
    package var title: String
    package var updated: Int64
    package var messageCount: Int

    package init(id: String, title: String, updated: Int64, messageCount: Int) {
        self.id = id
        self.title = title
        self.updated = updated
        self.messageCount = messageCount
    }
}
