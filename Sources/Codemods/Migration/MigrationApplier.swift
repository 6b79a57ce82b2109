import Basics
import CodeIndex
import FoundationEssentials

/// Applies a step's changes to the project as one checkpoint, and undoes checkpoints.
///
/// The workbench and `seam migrate` use this protocol so the walkthrough does not depend on
/// how checkpoints are stored; `JournalApplier` is the implementation until the Changes module's
/// checkpoints take over.
package protocol MigrationApplier: Sendable {
    /// Applies every change or none; returns the checkpoint's id.
    func apply(_ changes: [FileChange], root: String, label: String) throws -> String
    /// Undoes the latest checkpoint of `root`; returns its label, or nil when there is none.
    func undo(root: String) throws -> String?
    /// Labels of the checkpoints of `root`, oldest first.
    func checkpoints(root: String) throws -> [String]
}

/// Why applying or undoing failed.
package struct MigrationApplyError: Error, CustomStringConvertible, Sendable {
    package var message: String
    package var description: String { self.message }
}

extension FileChange: Codable {
    private enum CodingKeys: String, CodingKey {
        case oldPath, newPath, oldText, newText
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            oldPath: try container.decodeIfPresent(String.self, forKey: .oldPath),
            newPath: try container.decodeIfPresent(String.self, forKey: .newPath),
            oldText: try container.decodeIfPresent(String.self, forKey: .oldText),
            newText: try container.decodeIfPresent(String.self, forKey: .newText))
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(self.oldPath, forKey: .oldPath)
        try container.encodeIfPresent(self.newPath, forKey: .newPath)
        try container.encodeIfPresent(self.oldText, forKey: .oldText)
        try container.encodeIfPresent(self.newText, forKey: .newText)
    }
}

/// Checkpoints as JSON records under a state directory, one folder per project; files written
/// atomically (temporary file + rename), every old text verified before anything is written,
/// and a failed apply rolled back.
package struct JournalApplier: MigrationApplier {
    /// Where checkpoint records live (`<stateDirectory>/migrate-checkpoints/<project key>/NNNN.json`).
    package var stateDirectory: String

    package init(stateDirectory: String) {
        self.stateDirectory = stateDirectory
    }

    private struct Record: Codable {
        var label: String
        var changes: [FileChange]
    }

    private func directory(for root: String) -> String {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in root.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100000001b3
        }
        let name = FileSystem.lastComponent(of: root).filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        return self.stateDirectory + "/migrate-checkpoints/\(name)-\(String(hash, radix: 16))"
    }

    private func recordFiles(root: String) throws -> [String] {
        let directory = self.directory(for: root)
        guard FileManager.default.fileExists(atPath: directory) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }.sorted()
            .map { directory + "/" + $0 }
    }

    package func checkpoints(root: String) throws -> [String] {
        try self.recordFiles(root: root).map { try self.read($0).label }
    }

    private func read(_ path: String) throws -> Record {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        do {
            return try JSONDecoder().decode(Record.self, from: data)
        } catch {
            throw MigrationApplyError(message: "checkpoint \(path) is corrupt: \(error)")
        }
    }

    package func apply(_ changes: [FileChange], root: String, label: String) throws -> String {
        try self.verify(changes, root: root, expectingOld: true)
        let directory = self.directory(for: root)
        try FileSystem.createDirectories(directory)
        let number = (try self.recordFiles(root: root).last.flatMap { Int(FileSystem.lastComponent(of: $0).prefix(4)) } ?? 0) + 1
        let id = String(repeating: "0", count: max(0, 4 - String(number).count)) + String(number)
        let recordPath = directory + "/\(id).json"
        let encoder = JSONEncoder()
        try encoder.encode(Record(label: label, changes: changes)).write(to: URL(fileURLWithPath: recordPath), options: .atomic)
        do {
            try self.write(changes, root: root)
        } catch {
            try? self.write(changes.map(\.inverse), root: root)
            try? FileManager.default.removeItem(atPath: recordPath)
            throw error
        }
        return id
    }

    package func undo(root: String) throws -> String? {
        guard let last = try self.recordFiles(root: root).last else { return nil }
        let record = try self.read(last)
        let inverse = record.changes.map(\.inverse)
        try self.verify(inverse, root: root, expectingOld: true)
        try self.write(inverse, root: root)
        try FileManager.default.removeItem(atPath: last)
        return record.label
    }

    /// Checks that every file a change starts from is on disk with the expected text.
    private func verify(_ changes: [FileChange], root: String, expectingOld: Bool) throws {
        for change in changes {
            if let oldPath = change.oldPath {
                let full = root + "/" + oldPath
                guard let data = FileManager.default.contents(atPath: full) else {
                    throw MigrationApplyError(message: "\(oldPath) is missing: it changed on disk since the preview")
                }
                guard String(decoding: data, as: UTF8.self) == change.oldText else {
                    throw MigrationApplyError(message: "\(oldPath) changed on disk since the preview; preview again")
                }
            } else if let newPath = change.newPath, FileManager.default.fileExists(atPath: root + "/" + newPath) {
                throw MigrationApplyError(message: "\(newPath) already exists")
            }
            if change.isRename, let newPath = change.newPath, FileManager.default.fileExists(atPath: root + "/" + newPath) {
                throw MigrationApplyError(message: "cannot rename to \(newPath): it already exists")
            }
        }
    }

    private func write(_ changes: [FileChange], root: String) throws {
        let manager = FileManager.default
        for change in changes {
            if let newPath = change.newPath, let text = change.newText {
                let full = root + "/" + newPath
                try FileSystem.createDirectories(FileSystem.parent(of: full))
                var permissions: Any?
                if let oldPath = change.oldPath {
                    permissions = try? manager.attributesOfItem(atPath: root + "/" + oldPath)[.posixPermissions]
                }
                try Data(text.utf8).write(to: URL(fileURLWithPath: full), options: .atomic)
                if let permissions {
                    try? manager.setAttributes([.posixPermissions: permissions], ofItemAtPath: full)
                }
            }
        }
        for change in changes {
            if let oldPath = change.oldPath, change.newPath != oldPath {
                try? manager.removeItem(atPath: root + "/" + oldPath)
            }
        }
    }
}

extension FileChange {
    /// The change that undoes this one.
    package var inverse: FileChange {
        FileChange(oldPath: self.newPath, newPath: self.oldPath, oldText: self.newText, newText: self.oldText)
    }
}
