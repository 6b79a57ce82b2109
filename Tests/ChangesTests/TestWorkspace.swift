import Basics
import TestSupport

@testable import Changes

/// A temporary workspace with files, and a builder and review over it.
final class TestWorkspace {
    let directory: TemporaryDirectory
    let root: WorkspaceRoot

    init(_ files: [String: String] = [:]) throws {
        self.directory = try TemporaryDirectory("changes")
        self.root = try WorkspaceRoot(self.directory.path)
        for (path, text) in files { try self.directory.write(path, text) }
    }

    func write(_ path: String, _ text: String) throws { try self.directory.write(path, text) }
    func write(_ path: String, bytes: [UInt8]) throws { try self.directory.write(path, bytes: bytes) }
    func read(_ path: String) throws -> String { try TestFiles.readText(self.directory.appending(path)) }
    func bytes(_ path: String) throws -> [UInt8] { try TestFiles.read(self.directory.appending(path)) }
    func exists(_ path: String) -> Bool { PosixFile.inspect(self.directory.appending(path)).kind != .missing }

    func changeset(_ text: String) -> Changeset {
        ChangesetBuilder(workspace: self.root).build(text: Array(text.utf8), title: "test")
    }

    /// Every accepted change of `text` resolved to files.
    func acceptAll(_ text: String) -> [ChangeReview.ResolvedFile] {
        var review = ChangeReview(self.changeset(text))
        review.decideAll(.accepted)
        return review.resolved()
    }

    /// The new content of `path` when every change of `text` is accepted.
    func result(_ text: String, path: String) -> String? {
        self.acceptAll(text).first { $0.path == path }?.content.map { String(decoding: $0, as: UTF8.self) }
    }
}
