#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the running program's bundled resources live: `Themes/`, `Keymaps/` and `Models/`.
///
/// Looked up in this order: `$SEAM_HOME`; the nearest ancestor of the executable's directory that
/// holds `Themes/` and `Keymaps/` (a source checkout running `.build/release/seam`); then
/// `<prefix>/share/seam` for an executable in `<prefix>/bin`.
public struct Installation: Sendable {
    /// The directory that holds `Themes/`, `Keymaps/` and `Models/`.
    public var resourceDirectory: String

    public init(resourceDirectory: String) {
        self.resourceDirectory = resourceDirectory
    }

    /// The installation of the running executable, or nil when no resources can be found.
    public static func current(environment: [String: String] = ProcessEnvironment.current) -> Installation? {
        if let home = environment["SEAM_HOME"], FileSystem.isDirectory(home + "/Themes") {
            return Installation(resourceDirectory: home)
        }
        guard let executable = FileSystem.executablePath() else { return nil }
        var directory = FileSystem.parent(of: executable)
        while directory != "/" && !directory.isEmpty {
            if FileSystem.isDirectory(directory + "/Themes") && FileSystem.isDirectory(directory + "/Keymaps") {
                return Installation(resourceDirectory: directory)
            }
            let shared = directory + "/share/seam"
            if FileSystem.isDirectory(shared + "/Themes") {
                return Installation(resourceDirectory: shared)
            }
            directory = FileSystem.parent(of: directory)
        }
        return nil
    }

    public var themesDirectory: String { self.resourceDirectory + "/Themes" }
    public var keymapsDirectory: String { self.resourceDirectory + "/Keymaps" }
    /// The bundled tiny checkpoint: random weights, for demonstration and tests only.
    public var bundledModelDirectory: String { self.resourceDirectory + "/Models/deepseek-v4-tiny" }
}
