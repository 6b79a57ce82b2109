import Basics
import FoundationEssentials

/// File access for loading, with failures turned into `TokenizerError.unreadable`.
enum FileSystemProbe {
    /// True when `path` is a directory.
    static func isDirectory(_ path: String) -> Bool { FileSystem.isDirectory(path) }

    /// True when `path` exists.
    static func exists(_ path: String) -> Bool { FileSystem.exists(path) }

    /// The bytes of the file at `path`.
    static func read(_ path: String) throws(TokenizerError) -> [UInt8] {
        guard FileSystem.exists(path) else { throw .unreadable(path: path, reason: "no such file") }
        guard !FileSystem.isDirectory(path) else { throw .unreadable(path: path, reason: "is a directory") }
        do {
            return [UInt8](try Data(contentsOf: URL(filePath: path)))
        } catch {
            throw .unreadable(path: path, reason: describe(error))
        }
    }
}
