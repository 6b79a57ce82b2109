import Basics
import FoundationEssentials

#if canImport(Glibc)
import Glibc
#endif

/// Per-project files under the data directory (`~/.local/share/seam/projects/<name>-<hash>/`):
/// conversations (`conversations/<id>.json`) and pinned notes (`notes.json`).
///
/// Blocking; `WorkbenchEffects` calls it on one serial queue so saves of one conversation land
/// in order. Writes go to a temporary file that is renamed over the old one, so a crash never
/// leaves half a file.
package struct ProjectStore: Sendable {
    /// The project's directory.
    package let directory: String

    /// The store for the workspace at `root`.
    package init(root: String, paths: Paths = Paths()) {
        let name = FileSystem.lastComponent(of: root).filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }
        self.directory = paths.dataDirectory + "/projects/" + (name.isEmpty ? "root" : String(name)) + "-" + Self.hash(root)
    }

    /// 64-bit FNV-1a of `text` in hex: a stable, short key for a path.
    static func hash(_ text: String) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x100_0000_01b3
        }
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    private var conversationsDirectory: String { self.directory + "/conversations" }

    // MARK: - Conversations

    /// Saves `conversation`, setting its times.
    package func save(_ conversation: Conversation, now: Int64) throws {
        var copy = conversation
        if copy.created == 0 { copy.created = now }
        copy.updated = now
        guard ResourceNames.isSafeFileName(copy.id) else { throw StoreError("invalid conversation id \(copy.id)") }
        try self.writeJSON(copy, to: self.conversationsDirectory + "/" + copy.id + ".json")
    }

    /// The conversation `id`.
    package func conversation(_ id: String) throws -> Conversation {
        guard ResourceNames.isSafeFileName(id) else { throw StoreError("invalid conversation id \(id)") }
        return try self.readJSON(Conversation.self, from: self.conversationsDirectory + "/" + id + ".json")
    }

    /// Every saved conversation, most recent first. Unreadable files are skipped.
    package func conversations() -> [Conversation] {
        DirectoryNames.list(self.conversationsDirectory)
            .filter { $0.hasSuffix(".json") }
            .compactMap { try? self.readJSON(Conversation.self, from: self.conversationsDirectory + "/" + $0) }
            .sorted { $0.updated > $1.updated }
    }

    // MARK: - Notes

    /// The pinned notes (none when the file does not exist).
    package func notes() throws -> [PinnedNote] {
        let path = self.directory + "/notes.json"
        guard FileSystem.exists(path) else { return [] }
        return try self.readJSON([PinnedNote].self, from: path)
    }

    /// Replaces the pinned notes.
    package func saveNotes(_ notes: [PinnedNote], now: Int64) throws {
        let stamped = notes.map { note -> PinnedNote in
            var copy = note
            if copy.created == 0 { copy.created = now }
            return copy
        }
        try self.writeJSON(stamped, to: self.directory + "/notes.json")
    }

    // MARK: - Files

    private func writeJSON<Value: Encodable>(_ value: Value, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(value)
        try FileSystem.createDirectories(FileSystem.parent(of: path), mode: 0o700)
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw SystemError("cannot write \(temporary)") }
        var offset = 0
        let bytes = [UInt8](data)
        while offset < bytes.count {
            let written = bytes.withUnsafeBufferPointer { write(descriptor, $0.baseAddress! + offset, bytes.count - offset) }  // safe: non-empty
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else {
                close(descriptor)
                unlink(temporary)
                throw SystemError("cannot write \(temporary)")
            }
            offset += written
        }
        fsync(descriptor)
        close(descriptor)
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw SystemError("cannot replace \(path)")
        }
    }

    private func readJSON<Value: Decodable>(_ type: Value.Type, from path: String) throws -> Value {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SystemError("cannot open \(path)") }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw SystemError("cannot read \(path)") }
            if count == 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        do {
            return try JSONDecoder().decode(type, from: Data(bytes))
        } catch {
            throw StoreError("\(path) is not a valid saved file: \(error)")
        }
    }
}

/// A store file that is missing, unreadable or malformed.
package struct StoreError: Error, CustomStringConvertible, Sendable {
    package var message: String
    package init(_ message: String) { self.message = message }
    package var description: String { self.message }
}

/// Checks names used as file names.
package enum ResourceNames {
    /// Letters, digits, `-`, `_` and `.` only, not starting with a dot.
    package static func isSafeFileName(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix(".") && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
    }
}
