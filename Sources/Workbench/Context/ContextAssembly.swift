import Workspace

/// Builds the context sent with every chat message — and, from the same function, what the
/// memory pane shows — so the two can never disagree.
///
/// The system message is the workbench's instructions, then the instruction files from the
/// repository root down to the current directory exactly as Workspace's `MemoryContext` fitted
/// them into the byte cap, then the pinned notes. The conversation follows: user messages with their attachments inlined as
/// `<file path="…">` blocks, assistant answers; inline errors are never sent.
package enum ContextAssembly {
    /// The parts of the system message, in order, including omitted ones (marked).
    package static func systemParts(projectName: String, memory: MemoryState) -> [ContextPart] {
        var parts: [ContextPart] = []
        let base =
            "You are the assistant in Seam, a terminal workbench, helping with the repository \"\(projectName)\". "
            + "Answer concisely. When you propose changes, give them as unified diffs."
        parts.append(ContextPart(kind: .base, label: "workbench instructions", text: base, sourceBytes: base.utf8.count))
        if !memory.context.files.isEmpty {
            let text = "\n\n# Project instructions\n\n" + memory.context.text
            let files = memory.context.files.count
            parts.append(
                ContextPart(
                    kind: .instructions, label: "instruction files (\(files))", text: text,
                    sourceBytes: memory.context.totalSize, isTruncated: memory.context.isTruncated))
        }
        for (index, note) in memory.notes.enumerated() {
            let text = (index == 0 ? "\n\n# Pinned notes\n" : "") + "\n- " + note.text
            parts.append(ContextPart(kind: .note, label: "note \(index + 1)", text: text, sourceBytes: note.text.utf8.count))
        }
        return parts
    }

    /// The system message text: every part that is sent, joined.
    package static func systemMessage(projectName: String, memory: MemoryState) -> String {
        self.systemParts(projectName: projectName, memory: memory).map(\.text).joined()
    }

    /// The conversation as chat messages (errors left out, attachments inlined).
    package static func conversationMessages(_ conversation: Conversation) -> [ContextMessage] {
        conversation.messages.compactMap { message in
            switch message.role {
            case .user: ContextMessage(role: .user, content: self.userContent(message))
            case .assistant: message.text.isEmpty && message.finishReason == nil ? nil : ContextMessage(role: .assistant, content: message.text)
            case .error: nil
            }
        }
    }

    /// Everything sent with the next request: the system message, then the conversation.
    package static func messages(projectName: String, memory: MemoryState, conversation: Conversation) -> [ContextMessage] {
        [ContextMessage(role: .system, content: self.systemMessage(projectName: projectName, memory: memory))]
            + self.conversationMessages(conversation)
    }

    /// A user message's text with the review report and its attachments appended.
    package static func userContent(_ message: ConversationMessage) -> String {
        var text = message.text
        if let feedback = message.reviewFeedback, !feedback.isEmpty {
            text += "\n\n<review-feedback>\n" + feedback + (feedback.hasSuffix("\n") ? "" : "\n") + "</review-feedback>"
        }
        for attachment in message.attachments {
            text += "\n\n<file path=\"\(attachment.path)\"\(attachment.isTruncated ? " truncated=\"true\"" : "")>\n"
            text += attachment.content
            if !attachment.content.hasSuffix("\n") { text += "\n" }
            text += "</file>"
        }
        return text
    }

    /// The conversation as one part (for the memory pane's byte total).
    package static func conversationPart(_ conversation: Conversation) -> ContextPart {
        let messages = self.conversationMessages(conversation)
        let text = messages.map(\.content).joined(separator: "\n")
        let label = "conversation (\(messages.count) message\(messages.count == 1 ? "" : "s"))"
        return ContextPart(kind: .conversation, label: label, text: text, sourceBytes: text.utf8.count)
    }

}
