import Basics
import EngineProtocol
import EngineServer
import TestSupport

/// A real engine HTTP server on a temporary socket serving the engine routes (plus any extra
/// routes a test adds), for client round trips.
final class ServedEngine {
    let directory: TemporaryDirectory
    let server: HTTPServer
    let service: EngineService

    var socketPath: String { self.server.socketPath }

    init(extraRoutes: (inout Router) -> Void = { _ in }) throws {
        self.directory = try TemporaryDirectory("cli")
        self.service = EngineService(model: try ModelDescriptor.load(directory: RepositoryLayout.tinyModel), state: .ready)
        var router = EngineRoutes.router(for: self.service)
        extraRoutes(&router)
        self.server = try HTTPServer(configuration: ServerConfiguration(socketPath: self.directory.appending("e.sock")), router: router)
        try self.server.start()
    }

    deinit {
        self.server.stop()
    }
}
