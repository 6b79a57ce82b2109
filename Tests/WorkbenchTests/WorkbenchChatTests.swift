import Basics
import TerminalKit
import TestSupport
import Testing

@testable import Workbench

@Suite("Chat pane: composer, streaming, mentions, errors")
struct WorkbenchChatTests {
    func chatState() throws -> WorkbenchState {
        var state = try WorkbenchFixture.state(root: "/work/sample", size: Size(width: 150, height: 40))
        WorkbenchFixture.feed(&state, .engineConnected(WorkbenchFixture.demoEngine))
        try WorkbenchFixture.press(&state, "alt-3")
        return state
    }

    func streamCommand(_ commands: [Command]) -> (Int, [ContextMessage])? {
        for command in commands {
            if case .streamChat(let id, let messages, _, _) = command { return (id, messages) }
        }
        return nil
    }

    @Test("the composer takes several lines and sends them with the context")
    func sending() throws {
        var state = try self.chatState()
        WorkbenchFixture.type(&state, "first line")
        try WorkbenchFixture.press(&state, "alt-enter")
        WorkbenchFixture.type(&state, "second line")
        #expect(state.chat.composer.text == "first line\nsecond line")
        let screen = WorkbenchFixture.screen(state).joined
        #expect(screen.contains("› first line"))
        #expect(screen.contains("  second line"))
        let commands = try WorkbenchFixture.press(&state, "enter")
        let (id, messages) = try #require(self.streamCommand(commands))
        #expect(id == 1)
        #expect(messages.map(\.role) == [.system, .user])
        #expect(messages[0].content == ContextAssembly.systemMessage(projectName: "sample", memory: state.memory))
        #expect(messages[1].content == "first line\nsecond line")
        #expect(commands.contains { if case .saveConversation = $0 { true } else { false } })
        #expect(state.chat.composer.isEmpty)
        #expect(state.chat.isStreaming)
        #expect(state.chat.conversation.title == "first line second line")
    }

    @Test("streamed pieces appear as they arrive; finishing saves and recounts the context")
    func streaming() throws {
        var state = try self.chatState()
        WorkbenchFixture.type(&state, "hello")
        let (id, _) = try #require(self.streamCommand(try WorkbenchFixture.press(&state, "enter")))
        #expect(WorkbenchFixture.screen(state).joined.contains("waiting for the first token"))
        #expect(WorkbenchFixture.screen(state).last?.contains("answering") == true)
        WorkbenchFixture.feed(&state, .chatDeltaReceived(requestID: id, content: "", reasoning: "thinking about it"))
        WorkbenchFixture.feed(&state, .chatDeltaReceived(requestID: id, content: "Hel", reasoning: ""))
        WorkbenchFixture.feed(&state, .chatDeltaReceived(requestID: id, content: "lo there", reasoning: ""))
        // A late piece of another request is ignored.
        WorkbenchFixture.feed(&state, .chatDeltaReceived(requestID: 99, content: "XYZ", reasoning: ""))
        var screen = WorkbenchFixture.screen(state).joined
        #expect(screen.contains("  Hello there"))
        #expect(!screen.contains("XYZ"))
        #expect(screen.contains("▸ reasoning (17 characters, ctrl-r shows)"))
        #expect(!screen.contains("thinking about it"))
        try WorkbenchFixture.press(&state, "ctrl-r")
        #expect(WorkbenchFixture.screen(state).joined.contains("│ thinking about it"))
        let before = state.chat.contextRevision
        let usage = ChatState.UsageSummary(promptTokens: 40, completionTokens: 3, cachedTokens: 0)
        let commands = WorkbenchFixture.feed(&state, .chatFinished(requestID: id, finishReason: "stop", usage: usage))
        #expect(!state.chat.isStreaming)
        #expect(state.chat.contextRevision == before + 1)
        #expect(commands.contains(.loadEngineState))
        let count = try #require(commands.compactMap { command -> [ContextMessage]? in
            if case .countContext(_, let messages) = command { return messages }
            return nil
        }.first)
        #expect(count.map(\.role) == [.system, .user, .assistant])
        #expect(count[2].content == "Hello there")
        // The meter shows the count the engine returns, of the model's context.
        WorkbenchFixture.feed(&state, .contextCounted(revision: state.chat.contextRevision, tokens: 57))
        screen = WorkbenchFixture.screen(state).joined
        #expect(screen.contains("ctx 57/4,096"))
        #expect(screen.contains("Sent as context  57 tok"))
    }

    @Test("Esc stops the answer, keeps what arrived and the conversation goes on")
    func cancelling() throws {
        var state = try self.chatState()
        WorkbenchFixture.type(&state, "explain")
        let (id, _) = try #require(self.streamCommand(try WorkbenchFixture.press(&state, "enter")))
        WorkbenchFixture.feed(&state, .chatDeltaReceived(requestID: id, content: "partial", reasoning: ""))
        let commands = try WorkbenchFixture.press(&state, "esc")
        #expect(commands.contains(.cancelChat(requestID: id)))
        #expect(!state.chat.isStreaming)
        #expect(state.chat.conversation.messages.last?.finishReason == "cancelled")
        #expect(WorkbenchFixture.screen(state).joined.contains("(cancelled)"))
        // Whatever the engine still sends for it is dropped.
        WorkbenchFixture.feed(&state, .chatDeltaReceived(requestID: id, content: " more", reasoning: ""))
        #expect(state.chat.conversation.messages.last?.text == "partial")
        WorkbenchFixture.type(&state, "again")
        let (next, messages) = try #require(self.streamCommand(try WorkbenchFixture.press(&state, "enter")))
        #expect(next == id + 1)
        #expect(messages.map(\.content).suffix(3) == ["explain", "partial", "again"])
    }

    @Test("errors show inline and are never sent back to the model")
    func errors() throws {
        var state = try self.chatState()
        WorkbenchFixture.type(&state, "question")
        let (id, _) = try #require(self.streamCommand(try WorkbenchFixture.press(&state, "enter")))
        WorkbenchFixture.feed(&state, .chatFailed(requestID: id, message: "the engine closed the connection"))
        let screen = WorkbenchFixture.screen(state).joined
        #expect(screen.contains("! the engine closed the connection"))
        #expect(screen.contains("  question"))
        #expect(state.chat.conversation.messages.map(\.role) == [.user, .error])
        let messages = WorkbenchUpdate.contextMessages(state)
        #expect(!messages.contains { $0.content.contains("closed the connection") })
    }

    @Test("nothing is sent while the engine is not ready, and the text is kept")
    func notReady() throws {
        var state = try WorkbenchFixture.state(size: Size(width: 150, height: 40))
        try WorkbenchFixture.press(&state, "alt-3")
        WorkbenchFixture.type(&state, "hello")
        let commands = try WorkbenchFixture.press(&state, "enter")
        #expect(self.streamCommand(commands) == nil)
        #expect(state.chat.composer.text == "hello")
        #expect(state.notice?.text.contains("the engine is not connected") == true)
    }

    @Test("@path mentions complete from the file index and attach the files' contents")
    func mentions() throws {
        var state = try self.chatState()
        var commands = WorkbenchFixture.type(&state, "explain @ap")
        #expect(commands.contains(.loadFileIndex))
        #expect(commands.last == .findMentions(query: "ap"))
        WorkbenchFixture.feed(&state, .mentionsMatched(query: "ap", paths: ["src/app.js", "src/apple.js"]))
        var screen = WorkbenchFixture.screen(state).joined
        #expect(screen.contains("@ap"))
        #expect(screen.contains("src/app.js"))
        #expect(screen.contains("tab completes"))
        try WorkbenchFixture.press(&state, "down")
        try WorkbenchFixture.press(&state, "tab")
        #expect(state.chat.composer.text == "explain @src/apple.js ")
        #expect(state.chat.mention == nil)
        WorkbenchFixture.type(&state, "and @README.md, please")
        commands = try WorkbenchFixture.press(&state, "enter")
        #expect(commands == [.readAttachments(requestID: 1, paths: ["src/apple.js", "README.md"], byteCap: 64 * 1024)])
        #expect(WorkbenchFixture.screen(state).joined.contains("reading attachments"))
        let attachment = Attachment(path: "src/apple.js", content: "export const apple = 1\n", byteCount: 23, isTruncated: false)
        commands = WorkbenchFixture.feed(
            &state, .attachmentsLoaded(requestID: 1, attachments: [attachment], failures: ["cannot attach @README.md: README.md does not exist"]))
        let (_, messages) = try #require(self.streamCommand(commands))
        let user = try #require(messages.last)
        #expect(user.content.hasPrefix("explain @src/apple.js and @README.md, please\n\n<file path=\"src/apple.js\">\nexport const apple = 1\n</file>"))
        screen = WorkbenchFixture.screen(state).joined
        #expect(screen.contains("+ @src/apple.js (23 B)"))
        #expect(screen.contains("! cannot attach @README.md"))
    }

    @Test("up and down walk the message history and restore the draft")
    func history() throws {
        var state = try self.chatState()
        WorkbenchFixture.feed(&state, .historyLoaded(["one", "two"]))
        WorkbenchFixture.type(&state, "draft")
        try WorkbenchFixture.press(&state, "up")
        #expect(state.chat.composer.text == "two")
        try WorkbenchFixture.press(&state, "up")
        try WorkbenchFixture.press(&state, "up")
        #expect(state.chat.composer.text == "one")
        try WorkbenchFixture.press(&state, "down")
        #expect(state.chat.composer.text == "two")
        try WorkbenchFixture.press(&state, "down")
        #expect(state.chat.composer.text == "draft")
    }

    @Test("a new conversation starts empty; a saved one resumes with its messages")
    func conversations() throws {
        var state = try self.chatState()
        WorkbenchFixture.type(&state, "hello")
        _ = try WorkbenchFixture.press(&state, "enter")
        try WorkbenchFixture.press(&state, "alt-n")
        #expect(state.chat.conversation.messages.isEmpty)
        #expect(!state.chat.isStreaming)
        var saved = Conversation(id: "abc", title: "old talk", created: 1)
        saved.messages = [ConversationMessage(role: .user, text: "old question"), ConversationMessage(role: .assistant, text: "old answer", finishReason: "stop")]
        let commands = try WorkbenchFixture.press(&state, "alt-r")
        #expect(commands == [.listChoices(.conversation)])
        WorkbenchFixture.feed(&state, .choicesListed(kind: .conversation, items: [PickerItem(value: "abc", label: "old talk", detail: "1 question")]))
        #expect(try WorkbenchFixture.press(&state, "enter") == [.loadConversation(id: "abc")])
        WorkbenchFixture.feed(&state, .conversationLoaded(saved))
        let screen = WorkbenchFixture.screen(state).joined
        #expect(screen.contains("Chat · old talk"))
        #expect(screen.contains("  old answer"))
        #expect(WorkbenchUpdate.contextMessages(state).map(\.content).suffix(2) == ["old question", "old answer"])
    }
}

@Suite("Chat transcript scrolling")
struct WorkbenchChatScrollTests {
    @Test("a long conversation shows its end, and scrolling up reaches the start")
    func scrolling() throws {
        var state = try WorkbenchFixture.state(size: Size(width: 150, height: 40))
        var conversation = Conversation(id: "long", title: "long", created: 1)
        for index in 0..<60 {
            conversation.messages.append(ConversationMessage(role: .user, text: "question \(index)"))
            conversation.messages.append(ConversationMessage(role: .assistant, text: "answer \(index)", finishReason: "stop"))
        }
        WorkbenchFixture.feed(&state, .conversationLoaded(conversation))
        try WorkbenchFixture.press(&state, "alt-3")
        var screen = WorkbenchFixture.screen(state).joined
        #expect(screen.contains("  answer 59"))
        #expect(!screen.contains("question 0\n") && !screen.contains("  question 0 "))
        for _ in 0..<40 { try WorkbenchFixture.press(&state, "pageup") }
        screen = WorkbenchFixture.screen(state).joined
        #expect(screen.contains("  question 0"))
        #expect(!screen.contains("answer 59"))
        #expect(screen.contains("more"))
        for _ in 0..<40 { try WorkbenchFixture.press(&state, "pagedown") }
        #expect(state.chat.scrollFromBottom == 0)
        #expect(WorkbenchFixture.screen(state).joined.contains("  answer 59"))
    }
}
