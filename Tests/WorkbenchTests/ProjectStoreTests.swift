import Basics
import TestSupport
import Testing

@testable import Workbench

@Suite("Per-project conversation and note store")
struct ProjectStoreTests {
    func store() throws -> (ProjectStore, TemporaryDirectory) {
        let data = try TemporaryDirectory("store")
        let paths = Paths(environment: ["HOME": data.path, "XDG_DATA_HOME": data.path])
        return (ProjectStore(root: "/work/my project", paths: paths), data)
    }

    @Test("conversations round-trip, newest first, each in its own file under the project")
    func conversations() throws {
        let (store, data) = try self.store()
        #expect(store.directory.hasPrefix(data.path + "/seam/projects/myproject-"))
        var first = Conversation(id: "aaaa", title: "first", created: 0)
        first.messages = [ConversationMessage(role: .user, text: "hi", attachments: [Attachment(path: "a.js", content: "x", byteCount: 1, isTruncated: false)])]
        try store.save(first, now: 100)
        try store.save(Conversation(id: "bbbb", title: "second", created: 0), now: 200)
        let listed = store.conversations()
        #expect(listed.map(\.id) == ["bbbb", "aaaa"])
        let loaded = try store.conversation("aaaa")
        #expect(loaded.messages == first.messages)
        #expect(loaded.created == 100 && loaded.updated == 100)
        try store.save(loaded, now: 300)
        #expect(try store.conversation("aaaa").created == 100)
        #expect(store.conversations().first?.id == "aaaa")
        #expect(throws: (any Error).self) { try store.conversation("../../etc/passwd") }
    }

    @Test("a damaged file is reported and skipped in the list")
    func damaged() throws {
        let (store, _) = try self.store()
        try store.save(Conversation(id: "good", title: "ok", created: 0), now: 1)
        try FileSystem.createDirectories(store.directory + "/conversations")
        try TestFiles.write(store.directory + "/conversations/bad.json", bytes: Array("{not json".utf8))
        #expect(store.conversations().map(\.id) == ["good"])
        #expect(throws: StoreError.self) { try store.conversation("bad") }
    }

    @Test("notes are saved per project and a missing file means none")
    func notes() throws {
        let (store, _) = try self.store()
        #expect(try store.notes().isEmpty)
        try store.saveNotes([PinnedNote(id: "1", text: "tabs", created: 0)], now: 42)
        #expect(try store.notes() == [PinnedNote(id: "1", text: "tabs", created: 42)])
        let other = ProjectStore(root: "/work/other", paths: Paths(environment: ["HOME": "/x", "XDG_DATA_HOME": FileSystem.parent(of: FileSystem.parent(of: FileSystem.parent(of: store.directory)))]))
        #expect(other.directory != store.directory)
        #expect(try other.notes().isEmpty)
    }
}
