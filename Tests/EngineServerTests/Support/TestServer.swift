#if canImport(Glibc)
import Glibc
#endif

import Basics
@testable import EngineServer
import TestSupport

/// A real `HTTPServer` on a socket in a fresh temporary directory, stopped on deinit.
final class TestServer {
    let directory: TemporaryDirectory
    let server: HTTPServer
    let service: EngineService

    var socketPath: String { self.server.socketPath }

    /// Serves the engine routes for the bundled tiny checkpoint's descriptor.
    init(
        state: EngineService.LoadState = .ready,
        router: ((EngineService) -> Router)? = nil,
        configure: (inout ServerConfiguration) -> Void = { _ in }
    ) throws {
        self.directory = try TemporaryDirectory("srv")
        let model = try ModelDescriptor.load(directory: RepositoryLayout.tinyModel)
        self.service = EngineService(model: model, state: state)
        var configuration = ServerConfiguration(socketPath: self.directory.appending("engine.sock"))
        configure(&configuration)
        self.server = try HTTPServer(
            configuration: configuration,
            router: router?(self.service) ?? EngineRoutes.router(for: self.service)
        )
        try self.server.start()
    }

    deinit {
        self.server.stop()
    }

    /// One request on a fresh connection.
    func request(_ text: String) throws -> RawResponse {
        let connection = try RawConnection(self.socketPath)
        try connection.send(text)
        return try connection.readResponse()
    }
}

/// File mode bits of `path` (without the type), or nil when it does not exist.
func permissions(_ path: String) -> mode_t? {
    var info = stat()
    guard lstat(path, &info) == 0 else { return nil }
    return info.st_mode & 0o777
}

/// True when `path` exists and is a socket.
func isSocket(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFSOCK
}
