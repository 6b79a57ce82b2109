#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import Basics

/// Session files in the engine's sessions directory: names are checked (no paths), writes are
/// atomic (a temporary file, fsync, rename), so a crash never leaves a half-written session.
enum SessionFiles {
    /// The file extension added to names.
    static let suffix = ".seamsession"

    /// The path of session `name` in `directory`, or a 400 for a name that is not a plain file
    /// name of letters, digits, `.`, `_` and `-`.
    static func path(for name: String, in directory: String) throws(ResponseError) -> String {
        let allowed = name.utf8.allSatisfy { byte in
            (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
        guard !name.isEmpty, name.utf8.count <= 128, allowed, !name.hasPrefix(".") else {
            throw .badRequest("session names are 1 to 128 letters, digits, '.', '_' or '-', not starting with '.'; got '\(name)'", param: "name")
        }
        return directory + "/" + (name.hasSuffix(Self.suffix) ? name : name + Self.suffix)
    }

    /// Writes `bytes` to `path` atomically, creating the directory (0700) if needed.
    static func write(_ bytes: [UInt8], to path: String) throws(SystemError) {
        let directory = FileSystem.parent(of: path)
        try FileSystem.createDirectories(directory, mode: 0o700)
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw SystemError("cannot create \(temporary)") }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }  // safe: non-empty
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else {
                let error = SystemError("cannot write \(temporary)")
                close(descriptor)
                unlink(temporary)
                throw error
            }
            offset += written
        }
        guard fsync(descriptor) == 0 else {
            let error = SystemError("cannot flush \(temporary)")
            close(descriptor)
            unlink(temporary)
            throw error
        }
        close(descriptor)
        guard rename(temporary, path) == 0 else {
            let error = SystemError("cannot rename \(temporary) to \(path)")
            unlink(temporary)
            throw error
        }
    }

    /// The bytes of the file at `path`.
    static func read(_ path: String) throws(SystemError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SystemError("cannot open \(path)") }
        defer { close(descriptor) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = Glibc.read(descriptor, &chunk, chunk.count)
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw SystemError("cannot read \(path)") }
            if count == 0 { return result }
            result.append(contentsOf: chunk[0..<count])
        }
    }
}
