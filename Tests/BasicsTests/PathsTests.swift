import Basics
import Testing

@Suite("XDG paths")
struct PathsTests {
    @Test("uses XDG variables when set and absolute")
    func xdgVariables() {
        let paths = Paths(environment: [
            "HOME": "/home/u", "XDG_CONFIG_HOME": "/c", "XDG_DATA_HOME": "relative", "XDG_RUNTIME_DIR": "/run/user/7",
        ])
        #expect(paths.configDirectory == "/c/seam")
        #expect(paths.dataDirectory == "/home/u/.local/share/seam")
        #expect(paths.defaultSocketPath == "/run/user/7/seam/engine.sock")
    }

    @Test("falls back to /tmp/seam-UID for the socket without a runtime directory")
    func socketFallback() {
        let paths = Paths(environment: ["HOME": "/home/u"])
        #expect(paths.runtimeDirectory.hasPrefix("/tmp/seam-"))
        #expect(paths.defaultSocketPath.hasSuffix("/engine.sock"))
    }

    @Test("path helpers split components")
    func pathHelpers() {
        #expect(FileSystem.parent(of: "/a/b/c") == "/a/b")
        #expect(FileSystem.parent(of: "/a") == "/")
        #expect(FileSystem.parent(of: "a") == ".")
        #expect(FileSystem.lastComponent(of: "/a/b/") == "b")
    }
}
