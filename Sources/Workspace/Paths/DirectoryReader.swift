#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads one directory with `readdir`, using `d_type` so no per-entry `stat` is needed.
package enum DirectoryReader {
    /// One raw entry: its name and what `d_type` (or `lstat` when unknown) says it is.
    package struct Entry: Sendable {
        /// The entry's name.
        package var name: String
        /// Its type from `d_type`.
        package var kind: RawFile.Info.Kind
    }

    /// The entries of `absolutePath` except `.` and `..`, unsorted.
    ///
    /// - Returns: the entries and the number of names skipped because they are not valid UTF-8
    ///   (they cannot be represented as workspace paths).
    package static func read(_ absolutePath: String, displayPath: String) throws(WorkspaceError) -> (
        entries: [Entry], skipped: Int
    ) {
        guard let handle = opendir(absolutePath) else {
            throw RawFile.error(errno, "cannot list \(displayPath.isEmpty ? "the workspace root" : displayPath)", path: displayPath)
        }
        defer { closedir(handle) }
        var entries: [Entry] = []
        var skipped = 0
        while let entry = readdir(handle) {
            let name: String? = withUnsafePointer(to: &entry.pointee.d_name) { tuple in
                tuple.withMemoryRebound(to: CChar.self, capacity: 256) { String(validatingCString: $0) }
            }
            guard let name else {
                skipped += 1
                continue
            }
            if name == "." || name == ".." { continue }
            var kind: RawFile.Info.Kind
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): kind = .file
            case Int32(DT_DIR): kind = .directory
            case Int32(DT_LNK): kind = .symlink
            case Int32(DT_UNKNOWN):
                kind = RawFile.info(absolutePath + "/" + name)?.kind ?? .other
            default: kind = .other
            }
            entries.append(Entry(name: name, kind: kind))
        }
        return (entries, skipped)
    }
}
