import Basics
import Changes
import TerminalKit
import TestSupport
import Testing

@testable import Workbench

@Suite("Review from chat: answers with edits, feedback to the model")
struct ReviewChatTests {
    /// An answer proposing the notes.txt change of the fixture as a fenced unified diff.
    static let answer = """
        Here is the fix:

        ```diff
        --- a/notes.txt
        +++ b/notes.txt
        @@ -1,7 +1,7 @@
         one
        -two
        +TWO
         three
         four
        -five
        +FIVE
         six
         seven
        ```

        """

    func chatState(_ fixture: ReviewFixture) throws -> WorkbenchState {
        var state = try WorkbenchFixture.state(root: fixture.directory.path, size: Size(width: 160, height: 48))
        WorkbenchFixture.feed(&state, .engineConnected(WorkbenchFixture.demoEngine))
        try WorkbenchFixture.press(&state, "alt-3")
        return state
    }

    func ask(_ text: String, _ state: inout WorkbenchState) throws -> (Int, [ContextMessage]) {
        WorkbenchFixture.type(&state, text)
        for command in try WorkbenchFixture.press(&state, "enter") {
            if case .streamChat(let id, let messages, _, _) = command { return (id, messages) }
        }
        throw SystemError("no request was sent")
    }

    @Test("an answer with a diff opens as a review without taking the focus")
    func answerOpensReview() throws {
        let fixture = try ReviewFixture()
        var state = try self.chatState(fixture)
        let (id, _) = try self.ask("fix the notes", &state)
        WorkbenchFixture.feed(&state, .chatDeltaReceived(requestID: id, content: Self.answer, reasoning: ""))
        let commands = WorkbenchFixture.feed(&state, .chatFinished(requestID: id, finishReason: "stop", usage: nil))
        let open = commands.compactMap { command -> (String, ReviewSession.Origin, Bool)? in
            if case .review(.open(let text, _, let origin, _, let replacing)) = command {
                return (text, origin, replacing)
            }
            return nil
        }
        let (text, origin, replacing) = try #require(open.first)
        #expect(text == Self.answer)
        #expect(origin == .chat(conversation: "test", message: 1))
        #expect(!replacing)
        // The effect reads and locates the edits; its result opens the review.
        let review = ChangeReview(
            ChangesetBuilder(workspace: try fixture.workspace).build(text: Array(text.utf8), title: "chat answer 1"))
        WorkbenchFixture.feed(&state, .review(.opened(review, origin: origin, replacing: false)))
        #expect(state.mainMode == .review)
        #expect(state.focus == WorkbenchLayout.chat)
        #expect(state.notice?.text.contains("the answer proposes changes to 1 file(s)") == true)
        // An answer without edits opens nothing.
        let (second, _) = try self.ask("thanks", &state)
        WorkbenchFixture.feed(&state, .chatDeltaReceived(requestID: second, content: "You are welcome.", reasoning: ""))
        let none = WorkbenchFixture.feed(&state, .chatFinished(requestID: second, finishReason: "stop", usage: nil))
        #expect(!none.contains { if case .review = $0 { true } else { false } })
    }

    @Test("rejections and partial accepts are sent with the next message, once")
    func feedbackReachesTheModel() throws {
        let fixture = try ReviewFixture()
        var state = try self.chatState(fixture)
        let (id, _) = try self.ask("fix the notes", &state)
        WorkbenchFixture.feed(&state, .chatDeltaReceived(requestID: id, content: Self.answer, reasoning: ""))
        WorkbenchFixture.feed(&state, .chatFinished(requestID: id, finishReason: "stop", usage: nil))
        let origin = ReviewSession.Origin.chat(conversation: "test", message: 1)
        let review = ChangeReview(
            ChangesetBuilder(workspace: try fixture.workspace).build(
                text: Array(Self.answer.utf8), title: "chat answer 1"))
        WorkbenchFixture.feed(&state, .review(.opened(review, origin: origin, replacing: false)))
        try WorkbenchFixture.press(&state, "alt-2")
        try WorkbenchFixture.press(&state, "s")
        try WorkbenchFixture.press(&state, "a")
        try WorkbenchFixture.press(&state, "r")
        #expect(
            try WorkbenchFixture.press(&state, "w").contains { if case .review(.apply) = $0 { true } else { false } })
        WorkbenchFixture.feed(&state, .review(.applied(checkpoint: 1)))
        let feedback = try #require(state.review.pendingFeedback)
        #expect(feedback.contains("notes.txt"))
        #expect(feedback.contains("the user rejected this hunk"))
        #expect(feedback.contains("-five") && feedback.contains("+FIVE"))
        try WorkbenchFixture.press(&state, "alt-3")
        let (_, messages) = try self.ask("what next?", &state)
        let last = try #require(messages.last)
        #expect(last.role == .user)
        #expect(last.content.hasPrefix("what next?\n\n<review-feedback>\n"))
        #expect(last.content.contains(feedback))
        #expect(state.review.pendingFeedback == nil)
        #expect(state.chat.conversation.messages.contains { $0.reviewFeedback == feedback })
        // The report is part of the saved conversation, so it is sent again with later turns.
        let later = ContextAssembly.conversationMessages(state.chat.conversation)
        #expect(later.contains { $0.content.contains("<review-feedback>") })
    }

    @Test("closing a proposal unapplied tells the model so")
    func closingUnapplied() throws {
        let fixture = try ReviewFixture()
        var state = try self.chatState(fixture)
        let origin = ReviewSession.Origin.chat(conversation: "test", message: 1)
        let review = ChangeReview(
            ChangesetBuilder(workspace: try fixture.workspace).build(
                text: Array(Self.answer.utf8), title: "chat answer 1"))
        WorkbenchFixture.feed(&state, .review(.opened(review, origin: origin, replacing: false)))
        try WorkbenchFixture.press(&state, "alt-2")
        try WorkbenchFixture.press(&state, "x")
        #expect(state.review.session == nil)
        #expect(state.review.pendingFeedback?.contains("without applying any of them") == true)
    }

    @Test("a new proposal does not replace a review with decisions; the action does")
    func keepsOpenReview() throws {
        let fixture = try ReviewFixture()
        var state = try fixture.state(size: Size(width: 160, height: 48))
        WorkbenchFixture.feed(&state, .engineConnected(WorkbenchFixture.demoEngine))
        try WorkbenchFixture.press(&state, "a")
        state.chat.conversation.messages = [
            ConversationMessage(role: .user, text: "fix"),
            ConversationMessage(role: .assistant, text: Self.answer, finishReason: "stop"),
        ]
        let origin = ReviewSession.Origin.chat(conversation: "test", message: 1)
        let review = ChangeReview(
            ChangesetBuilder(workspace: try fixture.workspace).build(
                text: Array(Self.answer.utf8), title: "chat answer 1"))
        WorkbenchFixture.feed(&state, .review(.opened(review, origin: origin, replacing: false)))
        #expect(state.review.session?.origin == .patchFile("change.patch"))
        #expect(state.notice?.text.contains("finish the open review first") == true)
        let commands = try WorkbenchFixture.press(&state, "alt-d")
        #expect(commands.contains { if case .review(.open(_, _, _, _, true)) = $0 { true } else { false } })
        WorkbenchFixture.feed(&state, .review(.opened(review, origin: origin, replacing: true)))
        #expect(state.review.session?.origin == origin)
    }
}
