import Basics
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The chat-to-review loop in a real terminal: `seam` talks to an OpenAI-compatible endpoint
/// whose first answer proposes a diff; the proposal opens as a review, is partly applied, and the
/// next request carries what the user rejected.
@Suite("seam: edits in a chat answer open as a review; decisions reach the model (tmux)", .serialized, .dedicatedThreads)
struct ReviewChatEndToEndTests {
    /// An OpenAI-compatible server with scripted answers (the bundled tiny model cannot write a
    /// diff): the first chat answer is the file named on its command line, later ones "Noted.".
    /// Streams with SSE over chunked HTTP/1.1, and records every chat request body as a line of
    /// JSON. The endpoint is a stand-in for a remote model; everything on the workbench side
    /// (client, review, checkpoint store, terminal) is the real thing.
    static let server = #"""
        import http.server, json, os, signal, sys
        # The test runner's threads block signals and a child inherits the mask: take SIGTERM back.
        signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM])
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        port_file, log_file, answer_file = sys.argv[1:4]
        answer = open(answer_file).read()
        answers = [0]
        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            def log_message(self, *args): pass
            def reply(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            def do_GET(self):
                if self.path == "/health":
                    self.reply(200, {"status": "ok", "model": "scripted", "bundled_tiny_model": False, "max_context": 8192})
                else:
                    self.reply(404, {"error": {"message": "not found", "type": "not_found_error"}})
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
                if self.path == "/v1/tokenize":
                    self.reply(200, {"count": 42, "max_model_len": 8192, "tokens": []})
                    return
                if self.path != "/v1/chat/completions":
                    self.reply(404, {"error": {"message": "not found", "type": "not_found_error"}})
                    return
                with open(log_file, "a") as log:
                    log.write(json.dumps(body) + "\n")
                answers[0] += 1
                text = answer if answers[0] == 1 else "Noted."
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                def event(payload):
                    data = ("data: " + payload + "\n\n").encode()
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
                def chunk(delta, finish):
                    event(json.dumps({"id": "scripted", "object": "chat.completion.chunk", "created": 0, "model": "scripted",
                                      "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}))
                for start in range(0, len(text), 40):
                    chunk({"content": text[start:start + 40]}, None)
                chunk({}, "stop")
                event("[DONE]")
                self.wfile.write(b"0\r\n\r\n")
                self.wfile.flush()
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        open(port_file + ".tmp", "w").write(str(server.server_address[1]))
        os.rename(port_file + ".tmp", port_file)
        server.serve_forever()
        """#

    static let notes = "one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\n"

    static let answer = """
        Capitalise the second and the fifth line:

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

    @Test("a proposed diff is split, half applied, and the rejected half is reported on the next turn")
    func chatToReview() throws {
        guard Subprocess.locate("python3") != nil else {
            throw SystemError("python3 is needed for the scripted endpoint: apt-get install python3", code: ENOENT)
        }
        let seam = RepositoryLayout.product("seam")
        guard FileSystem.exists(seam) else {
            throw SystemError("\(seam) is missing: run 'swift build' first", code: ENOENT)
        }
        let scratch = try TemporaryDirectory("review-chat")
        let portFile = scratch.appending("port")
        let requests = scratch.appending("requests.jsonl")
        let answerFile = try scratch.write("answer.txt", Self.answer)
        let server = try Subprocess.spawnDetached(
            "python3", ["-c", Self.server, portFile, requests, answerFile], logPath: scratch.appending("server.log"))
        defer { ProcessTable.terminate(server) }
        let deadline = ContinuousClock.now + .seconds(20)
        while !FileSystem.exists(portFile) && ContinuousClock.now < deadline { usleep(20_000) }
        let port = try TestFiles.readText(portFile)

        let repository = try ScratchGitRepository("review-chat-repo")
        try repository.write("notes.txt", Self.notes)
        try repository.commitAll("notes")
        for directory in ["config", "data", "state", "run"] {
            try FileSystem.createDirectories(scratch.appending(directory), mode: 0o700)
        }
        let tmux = try TmuxSession(
            width: 160, height: 48, directory: repository.path,
            environment: [
                "HOME": scratch.path, "XDG_CONFIG_HOME": scratch.appending("config"),
                "XDG_DATA_HOME": scratch.appending("data"), "XDG_STATE_HOME": scratch.appending("state"),
                "XDG_RUNTIME_DIR": scratch.appending("run"), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
            ])
        defer { if (try? tmux.isAlternateScreenOn()) == true { try? tmux.send("C-c") } }
        try tmux.run("'\(seam)' . --engine http://127.0.0.1:\(port)")
        try tmux.waitFor(timeout: .seconds(60), "the scripted endpoint") { $0.contains("engine ● scripted") }

        try tmux.send("M-3")
        try tmux.type("capitalise the notes")
        try tmux.send("Enter")
        try tmux.waitFor(timeout: .seconds(30), "the review of the answer") {
            $0.contains("Review · chat answer 1") && $0.contains("○ notes.txt")
        }
        #expect(try repository.read("notes.txt") == Array(Self.notes.utf8), "nothing is written before the apply")
        try tmux.send("M-2")
        try tmux.send("s")
        try tmux.waitFor("the split") { $0.contains("hunk 1/2") }
        try tmux.send("a")
        try tmux.waitFor("the second half") { $0.contains("hunk 2/2") }
        try tmux.send("r")
        try tmux.waitFor("the decisions") { $0.contains("◐ notes.txt") }
        try tmux.send("w")
        try tmux.waitFor("the apply") { $0.contains("applied as checkpoint 1") }
        #expect(try repository.read("notes.txt") == Array("one\nTWO\nthree\nfour\nfive\nsix\nseven\neight\n".utf8))

        try tmux.send("M-3")
        try tmux.type("thanks")
        try tmux.send("Enter")
        try tmux.waitFor(timeout: .seconds(30), "the second answer") { $0.contains("Noted.") }
        let lines = try TestFiles.readText(requests).split(separator: "\n")
        #expect(lines.count == 2)
        let second = try #require(lines.last.map(String.init))
        #expect(!String(lines[0]).contains("review-feedback"))
        // JSON escapes newlines: look for the pieces of the report in the request body.
        #expect(second.contains("thanks\\n\\n<review-feedback>"))
        #expect(second.contains("the user rejected this hunk"))
        #expect(second.contains("-five") && second.contains("+FIVE"))
        try tmux.send("M-1", "q")
        try tmux.waitFor(timeout: .seconds(10), "seam to quit") { _ in (try? tmux.isAlternateScreenOn()) == false }
    }
}
