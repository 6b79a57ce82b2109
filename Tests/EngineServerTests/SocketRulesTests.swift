#if canImport(Glibc)
import Glibc
#endif

import Basics
@testable import EngineServer
import TestSupport
import Testing

@Suite("Socket rules", .dedicatedThreads)
struct SocketRulesTests {
    @Test("a new socket directory is 0700 and the socket 0600")
    func permissionsOfNewDirectory() throws {
        let directory = try TemporaryDirectory("perm")
        let socketPath = directory.appending("run/seam/engine.sock")
        let server = try HTTPServer(configuration: ServerConfiguration(socketPath: socketPath), router: Router())
        #expect(permissions(directory.appending("run/seam")) == 0o700)
        #expect(permissions(socketPath) == 0o600)
        #expect(isSocket(socketPath))
        server.stop()
    }

    @Test("the managed runtime directory is tightened to 0700")
    func managedDirectoryTightened() throws {
        let directory = try TemporaryDirectory("perm")
        let paths = Paths(environment: ["XDG_RUNTIME_DIR": directory.path, "HOME": directory.path])
        try FileSystem.createDirectories(paths.runtimeDirectory, mode: 0o755)
        _ = chmod(paths.runtimeDirectory, 0o755)
        let server = try HTTPServer(
            configuration: ServerConfiguration(socketPath: paths.defaultSocketPath, managedDirectory: paths.runtimeDirectory),
            router: Router()
        )
        #expect(paths.defaultSocketPath == directory.path + "/seam/engine.sock")
        #expect(permissions(paths.runtimeDirectory) == 0o700)
        #expect(permissions(paths.defaultSocketPath) == 0o600)
        server.stop()
    }

    @Test("the socket file is removed when the server stops")
    func removedOnStop() throws {
        let directory = try TemporaryDirectory("stop")
        let socketPath = directory.appending("engine.sock")
        let server = try HTTPServer(configuration: ServerConfiguration(socketPath: socketPath), router: Router())
        try server.start()
        #expect(isSocket(socketPath))
        server.stop()
        #expect(!FileSystem.exists(socketPath))
        #expect(throws: (any Error).self) { try RawConnection(socketPath) }
    }

    @Test("a stale socket left by a dead engine is replaced")
    func staleSocketReplaced() throws {
        let directory = try TemporaryDirectory("stale")
        let socketPath = directory.appending("engine.sock")
        // A socket file nobody listens on: bind, then close without unlinking.
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = UnixSocketListener.address(socketPath)
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        #expect(bound == 0)
        close(descriptor)
        #expect(isSocket(socketPath))
        #expect(!UnixSocketListener.isLive(socketPath))

        let server = try HTTPServer(
            configuration: ServerConfiguration(socketPath: socketPath),
            router: EngineRoutes.router(for: EngineService(model: try ModelDescriptor.load(directory: RepositoryLayout.tinyModel), state: .ready))
        )
        try server.start()
        let connection = try RawConnection(socketPath)
        try connection.send("GET /health HTTP/1.1\r\n\r\n")
        #expect(try connection.readResponse().status == 200)
        server.stop()
    }

    @Test("a live socket is not stolen: the second server refuses and the first keeps serving")
    func liveSocketKept() throws {
        let first = try TestServer()
        do {
            _ = try HTTPServer(configuration: ServerConfiguration(socketPath: first.socketPath), router: Router())
            Issue.record("a second server bound a live socket")
        } catch {
            #expect(error.code == .socketInUse)
            #expect(error.message.contains(first.socketPath))
        }
        #expect(try first.request("GET /health HTTP/1.1\r\n\r\n").status == 200)
    }

    @Test("a path that is not a socket is left alone")
    func regularFileRefused() throws {
        let directory = try TemporaryDirectory("file")
        let path = try directory.write("engine.sock", "precious")
        do {
            _ = try HTTPServer(configuration: ServerConfiguration(socketPath: path), router: Router())
            Issue.record("bound over a regular file")
        } catch {
            #expect(error.code == .invalidSocketPath)
        }
        #expect(try TestFiles.readText(path) == "precious")
    }

    @Test("a socket path over 107 bytes is refused with a clear error")
    func longPath() throws {
        let path = "/tmp/" + String(repeating: "d", count: 120) + "/engine.sock"
        do {
            _ = try HTTPServer(configuration: ServerConfiguration(socketPath: path), router: Router())
            Issue.record("bound an over-long path")
        } catch {
            #expect(error.code == .invalidSocketPath)
            #expect(error.message.contains("107"))
        }
    }

    @Test("a missing or invalid model directory gives one clear error")
    func invalidModel() throws {
        let directory = try TemporaryDirectory("model")
        #expect(throws: ServerError.self) { try ModelDescriptor.load(directory: directory.appending("missing")) }
        try directory.write("bad/config.json", "{not json")
        do {
            _ = try ModelDescriptor.load(directory: directory.appending("bad"))
            Issue.record("accepted a malformed config.json")
        } catch {
            #expect(error.code == .invalidModel)
            #expect(error.message.contains("config.json"))
        }
        try directory.write("llama/config.json", #"{"model_type":"llama"}"#)
        do {
            _ = try ModelDescriptor.load(directory: directory.appending("llama"))
            Issue.record("accepted an unsupported model")
        } catch {
            #expect(error.message.contains("deepseek_v4"))
        }
    }

    @Test("the model id is the directory name and the context is capped by the checkpoint")
    func descriptor() throws {
        let model = try ModelDescriptor.load(directory: RepositoryLayout.tinyModel, maxContext: 1 << 20)
        #expect(model.id == "deepseek-v4-tiny")
        #expect(model.maxContext == 65536)
        #expect(model.isBundledTinyModel)
        let small = try ModelDescriptor.load(directory: RepositoryLayout.fixture("deepseek-v4-small-fp8"), maxContext: 512)
        #expect(small.maxContext == 512)
        #expect(!small.isBundledTinyModel)
    }
}
