#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where Seam keeps things on disk, following the XDG base-directory specification.
///
/// Every lookup takes an `environment` so tests can point Seam at temporary directories.
public struct Paths: Sendable {
    public var environment: [String: String]

    public init(environment: [String: String] = ProcessEnvironment.current) {
        self.environment = environment
    }

    /// The user's home directory (`$HOME`, else the password database).
    public var home: String {
        if let home = self.environment["HOME"], !home.isEmpty { return home }
        if let entry = getpwuid(getuid()), let dir = entry.pointee.pw_dir { return String(cString: dir) }
        return "/"
    }

    /// `$XDG_CONFIG_HOME/seam`, default `~/.config/seam`: user themes, keymaps and settings.
    public var configDirectory: String {
        self.xdg("XDG_CONFIG_HOME", fallback: ".config") + "/seam"
    }

    /// `$XDG_DATA_HOME/seam`, default `~/.local/share/seam`: conversations, notes, checkpoints.
    public var dataDirectory: String {
        self.xdg("XDG_DATA_HOME", fallback: ".local/share") + "/seam"
    }

    /// `$XDG_STATE_HOME/seam`, default `~/.local/state/seam`: logs and history.
    public var stateDirectory: String {
        self.xdg("XDG_STATE_HOME", fallback: ".local/state") + "/seam"
    }

    /// The directory that holds the engine socket: `$XDG_RUNTIME_DIR/seam`, falling back to
    /// `/tmp/seam-$UID` when the runtime directory is not set.
    public var runtimeDirectory: String {
        if let runtime = self.environment["XDG_RUNTIME_DIR"], runtime.hasPrefix("/") {
            return runtime + "/seam"
        }
        return "/tmp/seam-\(getuid())"
    }

    /// The default engine socket: `<runtimeDirectory>/engine.sock`.
    public var defaultSocketPath: String {
        self.runtimeDirectory + "/engine.sock"
    }

    private func xdg(_ variable: String, fallback: String) -> String {
        if let value = self.environment[variable], value.hasPrefix("/") { return value }
        return self.home + "/" + fallback
    }
}

/// The process environment as a dictionary.
public enum ProcessEnvironment {
    /// A snapshot of `environ`.
    public static var current: [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }
}
