#if canImport(Glibc)
import Glibc
#endif

import Basics
import TestSupport
import Testing

@Suite("seam against an OpenAI-compatible http endpoint (tmux)", .serialized, .dedicatedThreads)
struct WorkbenchRemoteEndToEndTests {
    /// A TCP front for the engine's Unix socket that insists on an API key, like a hosted
    /// OpenAI-compatible server: it answers 401 without `Authorization: Bearer KEY`, else it
    /// relays the connection to the engine byte for byte.
    static let gateway = #"""
        import socket, sys, threading
        socket_path, key, port_file = sys.argv[1], sys.argv[2].encode(), sys.argv[3]
        server = socket.socket(); server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", 0)); server.listen(16)
        open(port_file + ".tmp", "w").write(str(server.getsockname()[1]))
        import os; os.rename(port_file + ".tmp", port_file)
        def pipe(a, b):
            try:
                while True:
                    data = a.recv(65536)
                    if not data: break
                    b.sendall(data)
            except OSError: pass
            finally:
                try: b.shutdown(socket.SHUT_WR)
                except OSError: pass
        def serve(client):
            head = b""
            while b"\r\n\r\n" not in head:
                data = client.recv(65536)
                if not data: client.close(); return
                head += data
            if b"authorization: bearer " + key.lower() not in head.lower():
                body = b'{"error":{"message":"missing or wrong API key","type":"invalid_request_error","code":"invalid_api_key"}}'
                client.sendall(b"HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: " + str(len(body)).encode() + b"\r\nConnection: close\r\n\r\n" + body)
                client.close(); return
            engine = socket.socket(socket.AF_UNIX); engine.connect(socket_path); engine.sendall(head)
            threading.Thread(target=pipe, args=(engine, client), daemon=True).start()
            pipe(client, engine)
        while True:
            connection, _ = server.accept()
            threading.Thread(target=serve, args=(connection,), daemon=True).start()
        """#

    @Test("connects with the key from the environment, streams an answer, and says why without the key")
    func httpEndpoint() throws {
        guard Subprocess.locate("python3") != nil else {
            throw SystemError("python3 is needed for the http endpoint test: apt-get install python3", code: ENOENT)
        }
        let engine = try EngineTestProcess()
        let scratch = try TemporaryDirectory("gateway")
        let portFile = scratch.appending("port")
        let gateway = try Subprocess.spawnDetached(
            "python3", ["-c", Self.gateway, engine.socketPath, "sk-test-123", portFile], logPath: scratch.appending("gateway.log"))
        defer { ProcessTable.terminate(gateway) }
        let deadline = ContinuousClock.now + .seconds(20)
        while !FileSystem.exists(portFile) && ContinuousClock.now < deadline { usleep(20_000) }
        let port = try TestFiles.readText(portFile)

        let terminal = try WorkbenchTerminal()
        let tmux = terminal.tmux
        let seam = RepositoryLayout.product("seam")
        // Without the key: the status bar says what the server answered.
        try tmux.run("'\(seam)' . --engine http://127.0.0.1:\(port)")
        try tmux.waitFor(timeout: .seconds(60), "the refusal") { $0.contains("engine ✗") && $0.contains("missing or wrong API key") }
        try tmux.send("q")
        try tmux.waitFor("the shell") { !$0.contains("Files ·") }
        // With SEAM_API_KEY set, the same endpoint works, chat included.
        try tmux.run("SEAM_API_KEY=sk-test-123 '\(seam)' . --engine http://127.0.0.1:\(port)")
        try tmux.waitFor(timeout: .seconds(60), "the engine through http") { $0.contains("engine ● deepseek-v4-tiny") }
        try tmux.send("M-3")
        try tmux.type("hello over http")
        try tmux.send("Enter")
        let screen = try tmux.waitFor(timeout: .seconds(120), "the answer") { screen in
            screen.contains("  hello over http") && screen.contains("┃deepseek-v4-tiny") && !screen.contains("answering")
                && !screen.contains("waiting for the first token")
        }
        // No error line: errors start at the pane's left border with "! " (answers are indented,
        // and the random model's gibberish may well contain "! ").
        #expect(!screen.contains("┃! ") && !screen.contains("│! "))
        try tmux.send("Escape")
        try tmux.send("M-1", "q")
        try tmux.waitFor("the shell") { !$0.contains("Files ·") }
        // seam started no engine of its own for an http endpoint.
        #expect(terminal.engines.isEmpty)
    }
}
