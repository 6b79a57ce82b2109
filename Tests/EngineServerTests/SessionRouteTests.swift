import Basics
import EngineProtocol
@testable import EngineServer
import TestSupport
import Testing

@Suite("Saving and restoring sessions", .serialized, .dedicatedThreads)
struct SessionRouteTests {
    private static let firstTurn = #"{"messages":[{"role":"user","content":"Write a parser"}],"max_tokens":6,"temperature":0}"#
    private static let secondTurn = #"{"messages":[{"role":"user","content":"Write a parser"},{"role":"assistant","content":"ok"},{"role":"user","content":"Go on"}],"max_tokens":4,"temperature":0}"#

    /// Runs the first turn and saves its prompt's session as `name`; returns the prompt length.
    private func saveFirstTurn(_ server: ModelServer, name: String) throws -> (tokens: Int, file: SessionFileResponse) {
        let usage = try #require(decode(ChatCompletion.self, server.post("/v1/chat/completions", Self.firstTurn).text).usage)
        let sessions = try decode(SessionList.self, server.get("/v1/engine/sessions").text).data
        let snapshot = try #require(sessions.first { $0.tokens == usage.promptTokens })
        let saved = try server.post("/v1/engine/sessions/\(snapshot.id)/save", #"{"name":"\#(name)"}"#)
        #expect(saved.status == 200)
        return (usage.promptTokens, try decode(SessionFileResponse.self, saved.text))
    }

    @Test("a saved session restored in a new engine makes the next turn reuse it")
    func saveAndRestore() throws {
        let sessions = try TemporaryDirectory("sess")
        let (tokens, file): (Int, SessionFileResponse)
        do {
            let first = try ModelServer(sessionDirectory: sessions.path)
            (tokens, file) = try self.saveFirstTurn(first, name: "parser-chat")
        }
        #expect(file.tokens == tokens)
        #expect(file.formatVersion == 1)
        #expect(file.checksum.count == 8)
        #expect(file.path == sessions.appending("parser-chat.seamsession"))
        #expect(FileSystem.exists(file.path))

        let second = try ModelServer(sessionDirectory: sessions.path)
        let restored = try second.post("/v1/engine/sessions/restore", #"{"name":"parser-chat"}"#)
        #expect(restored.status == 200)
        let answer = try decode(SessionFileResponse.self, restored.text)
        #expect(answer.tokens == tokens)
        #expect(answer.checksum == file.checksum)
        let usage = try #require(decode(ChatCompletion.self, second.post("/v1/chat/completions", Self.secondTurn).text).usage)
        #expect(usage.promptTokensDetails?.cachedTokens == tokens)
        // Restored state gives the same tokens as computing from scratch.
        let fresh = try ModelServer()
        let expected = try decode(ChatCompletion.self, fresh.post("/v1/chat/completions", Self.secondTurn).text)
        let again = try decode(ChatCompletion.self, second.post("/v1/chat/completions", Self.secondTurn).text)
        #expect(again.choices.first?.message.content == expected.choices.first?.message.content)
    }

    @Test("corrupt, truncated, foreign and unrelated files are refused with one clear error")
    func badFiles() throws {
        let sessions = try TemporaryDirectory("sess")
        let tiny = try ModelServer(sessionDirectory: sessions.path)
        let (_, file) = try self.saveFirstTurn(tiny, name: "good")
        var bytes = try TestFiles.read(file.path)
        func refusal(_ name: String) throws -> APIError {
            let response = try tiny.post("/v1/engine/sessions/restore", #"{"name":"\#(name)"}"#)
            #expect(response.status == 400)
            return try decode(ErrorResponse.self, response.text).error
        }
        bytes[bytes.count / 2] ^= 0x40
        try TestFiles.write(sessions.appending("flipped.seamsession"), bytes: bytes)
        #expect(try refusal("flipped").message.contains("checksum"))
        bytes[bytes.count / 2] ^= 0x40
        try TestFiles.write(sessions.appending("short.seamsession"), bytes: Array(bytes.prefix(bytes.count - 100)))
        #expect(try refusal("short").code == "invalid_session_file")
        try sessions.write("text.seamsession", "hello, not a session")
        #expect(try refusal("text").message.contains("not a seam session file"))
        var future = bytes
        future[8] = 9
        try TestFiles.write(sessions.appending("future.seamsession"), bytes: future)
        #expect(try refusal("future").message.contains("version 9"))

        let small = try ModelServer(model: RepositoryLayout.fixture("deepseek-v4-small-fp8"), sessionDirectory: sessions.path)
        let foreign = try small.post("/v1/engine/sessions/restore", #"{"name":"good"}"#)
        #expect(foreign.status == 400)
        #expect(try decode(ErrorResponse.self, foreign.text).error.message.contains("another model"))
        #expect(try decode(SessionList.self, small.get("/v1/engine/sessions").text).data.isEmpty)

        #expect(try tiny.post("/v1/engine/sessions/restore", #"{"name":"../etc/passwd"}"#).status == 400)
        #expect(try tiny.post("/v1/engine/sessions/restore", #"{"name":"missing"}"#).status == 404)
        #expect(try tiny.post("/v1/engine/sessions/sess-nope/save", #"{"name":"x"}"#).status == 404)
        #expect(try tiny.get("/health").status == 200)
    }

    @Test("a session can be deleted and the state lists KV bytes by layer kind")
    func deleteAndState() throws {
        let server = try ModelServer()
        _ = try server.post("/v1/chat/completions", Self.firstTurn)
        let state = try server.state()
        #expect(state.sessions.count == 2)
        #expect(state.kvBytes == state.kvBytesByLayerKind.values.reduce(0, +))
        #expect(Set(state.kvBytesByLayerKind.keys) == ["window", "csa", "hca"])
        #expect(state.compressedEntries > 0)
        #expect(state.parameterCount > 0)
        #expect(state.weightBytesByDtype["bf16"] ?? 0 > 0)
        #expect(state.openblasCore?.isEmpty == false)
        let id = try #require(state.sessions.first?.id)
        let deleted = try server.post("/v1/engine/sessions/\(id)", "").status
        #expect(deleted == 405)
        let connection = try RawConnection(server.socketPath)
        try connection.send("DELETE /v1/engine/sessions/\(id) HTTP/1.1\r\n\r\n")
        #expect(try connection.readResponse().status == 200)
        #expect(try server.state().sessions.count == 1)
    }
}
