import Basics
import Changes
import TerminalKit
import TestSupport
import Testing

@testable import Workbench

@Suite("The chat shows the review feedback the model gets, folded like reasoning")
struct ReviewFeedbackViewTests {
    /// A chat state whose last answer's proposal was reviewed with one hunk rejected, applied:
    /// the feedback is pending for the next message.
    func reviewedState() throws -> (ReviewFixture, WorkbenchState) {
        let fixture = try ReviewFixture()
        var state = try WorkbenchFixture.state(root: fixture.directory.path, size: Size(width: 160, height: 48))
        WorkbenchFixture.feed(&state, .engineConnected(WorkbenchFixture.demoEngine))
        try WorkbenchFixture.press(&state, "alt-3")
        WorkbenchFixture.type(&state, "fix the notes")
        let id = try #require(
            try WorkbenchFixture.press(&state, "enter").lazy.compactMap { command -> Int? in
                if case .streamChat(let id, _, _, _) = command { return id }
                return nil
            }.first)
        WorkbenchFixture.feed(&state, .chatDeltaReceived(requestID: id, content: ReviewChatTests.answer, reasoning: ""))
        WorkbenchFixture.feed(&state, .chatFinished(requestID: id, finishReason: "stop", usage: nil))
        let review = ChangeReview(
            ChangesetBuilder(workspace: try fixture.workspace).build(
                text: Array(ReviewChatTests.answer.utf8), title: "chat answer 1"))
        WorkbenchFixture.feed(
            &state, .review(.opened(review, origin: .chat(conversation: "test", message: 1), replacing: false)))
        try WorkbenchFixture.press(&state, "alt-2")
        try WorkbenchFixture.press(&state, "s")
        try WorkbenchFixture.press(&state, "a")
        try WorkbenchFixture.press(&state, "r")
        try WorkbenchFixture.press(&state, "w")
        WorkbenchFixture.feed(&state, .review(.applied(checkpoint: 1)))
        try WorkbenchFixture.press(&state, "alt-3")
        return (fixture, state)
    }

    /// The transcript as plain rows.
    static func transcript(_ state: WorkbenchState, width: Int = 100) -> [String] {
        ChatView.transcriptLines(state, theme: state.theme, width: width).map { $0.map(\.text).joined() }
    }

    /// The text of the rows of an unfolded feedback block, after its `▾ label` row.
    static func unfolded(_ rows: [String], label: String) -> String? {
        guard let start = rows.firstIndex(where: { $0.contains("▾ " + label) }) else { return nil }
        return rows[(start + 1)...].prefix { $0.hasPrefix("  │ ") }.map { String($0.dropFirst(4)) }.joined(separator: "\n")
    }

    @Test("the feedback waiting for the next message is shown folded at the end, and unfolds to exactly what is sent")
    func pendingFeedback() throws {
        var (_, state) = try self.reviewedState()
        let feedback = try #require(state.review.pendingFeedback)
        let lineCount = feedback.split(separator: "\n").count
        var rows = Self.transcript(state)
        let folded = "  ▸ review feedback for your next message (\(lineCount) lines, ctrl-r shows)"
        #expect(rows.last == folded)
        #expect(WorkbenchFixture.screen(state).joined.contains("▸ review feedback for your next message"))

        try WorkbenchFixture.press(&state, "ctrl-r")
        rows = Self.transcript(state, width: 200)
        let shown = try #require(Self.unfolded(rows, label: "review feedback for your next message"))
        #expect(shown == feedback.trimmingTrailingNewlines)
    }

    @Test("after sending, the user message shows the feedback it carried, the same text as in the request")
    func sentFeedback() throws {
        var (_, state) = try self.reviewedState()
        let feedback = try #require(state.review.pendingFeedback)
        WorkbenchFixture.type(&state, "what next?")
        let messages = try #require(
            try WorkbenchFixture.press(&state, "enter").lazy.compactMap { command -> [ContextMessage]? in
                if case .streamChat(_, let messages, _, _) = command { return messages }
                return nil
            }.first)
        let sent = try #require(messages.last?.content)
        var rows = Self.transcript(state)
        #expect(!rows.contains { $0.contains("for your next message") }, "nothing is pending any more")
        let foldedIndex = try #require(rows.firstIndex { $0.contains("▸ review feedback sent with this message") })
        #expect(rows[..<foldedIndex].last { $0 == "you" } != nil)
        #expect(rows[foldedIndex - 1].contains("what next?"), "the fold follows the message that carried it")

        try WorkbenchFixture.press(&state, "ctrl-r")
        rows = Self.transcript(state, width: 200)
        let shown = try #require(Self.unfolded(rows, label: "review feedback sent with this message"))
        // What is shown is what the request carried between the review-feedback tags.
        let start = try #require(sent.firstRange(of: "<review-feedback>\n"))
        let end = try #require(sent.firstRange(of: "</review-feedback>"))
        let carried = String(sent[start.upperBound..<end.lowerBound])
        #expect(shown == carried.trimmingTrailingNewlines)
        #expect(carried.trimmingTrailingNewlines == feedback.trimmingTrailingNewlines)
    }

    @Test("closing a proposal unapplied: the one-line report is shown before it is sent")
    func closedUnapplied() throws {
        let fixture = try ReviewFixture()
        var state = try WorkbenchFixture.state(root: fixture.directory.path, size: Size(width: 120, height: 40))
        let review = ChangeReview(
            ChangesetBuilder(workspace: try fixture.workspace).build(
                text: Array(ReviewChatTests.answer.utf8), title: "chat answer 1"))
        WorkbenchFixture.feed(
            &state, .review(.opened(review, origin: .chat(conversation: "test", message: 1), replacing: false)))
        try WorkbenchFixture.press(&state, "alt-2")
        try WorkbenchFixture.press(&state, "x")
        state.chat.showReasoning = true
        let rows = Self.transcript(state)
        let shown = try #require(Self.unfolded(rows, label: "review feedback for your next message"))
        #expect(shown == "The user closed the review of your proposed changes without applying any of them.")
    }
}

extension String {
    /// Without trailing newlines.
    fileprivate var trimmingTrailingNewlines: String {
        var text = self
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
