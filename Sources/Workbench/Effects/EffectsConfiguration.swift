import Basics

/// What the effects need to know about the world: where the workspace and the engine are,
/// where to keep data, and where themes and keymaps live.
package struct EffectsConfiguration: Sendable {
    /// The workspace root.
    package var root: String
    /// `--engine`: `unix:PATH`, `http(s)://…`, or nil for the default socket.
    package var engineAddress: String?
    /// The checkpoint to start the engine on when nothing answers the socket.
    package var modelDirectory: String?
    /// The `seam-engine` executable (default: beside `seam`, else on PATH).
    package var enginePath: String?
    package var paths: Paths
    package var locator: ResourceLocator
    package var environment: [String: String]
    /// The byte cap for instruction files.
    package var memoryByteCap: Int
    /// How often the git status markers are refreshed while nothing else asks for them.
    package var gitRefreshInterval: Duration = .seconds(5)
    /// The periodic git refresh waits at least this many times the last `git status`'s duration
    /// after it, so a slow repository is not kept busy.
    package var gitRefreshBackoff = 10

    package init(
        root: String, engineAddress: String?, modelDirectory: String?, enginePath: String? = nil, paths: Paths,
        locator: ResourceLocator, environment: [String: String], memoryByteCap: Int
    ) {
        self.root = root
        self.engineAddress = engineAddress
        self.modelDirectory = modelDirectory
        self.enginePath = enginePath
        self.paths = paths
        self.locator = locator
        self.environment = environment
        self.memoryByteCap = memoryByteCap
    }
}
